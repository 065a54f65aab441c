package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// french is the vocabulary of the French articles and posts. Templates are
// written with ordinary spaces before ; : ! ? and inside « »; frenchSpacing
// turns them into narrow no-break spaces when the vocabulary is built.
func french() *language {
	slots := map[string][]string{
		"S": lines(`
			la communauté
			notre communauté
			le community manager
			la responsable communauté
			l’équipe éditoriale
			notre équipe
			la marque
			une petite marque
			le calendrier éditorial
			chaque publication
			une bonne publication
			le fil Mastodon
			le compte Bluesky
			la newsletter
			le blog
			chaque article
			une vidéo courte
			le carrousel photo
			la ligne éditoriale
			le ton de la marque
			un bon visuel
			la modération
			chaque commentaire
			une réponse rapide
			le service client
			la fiche produit
			le guide de réparation
			le programme de reprise
			la boutique en ligne
			l’atelier de réparation
			une cliente fidèle
			un abonné curieux
			le partenariat local
			la collaboration avec une créatrice
			le concours du mois
			la campagne de rentrée
			le tableau de bord
			l’analyse des statistiques
			le référencement naturel
			la stratégie de contenu
			le plan de publication
			une recette de saison
			le témoignage client
			la foire aux questions
			le hashtag de la marque
			un fil de discussion
			la charte de modération
			{P}`),
		"P": lines(`
			la poêle en fonte
			le bocal en verre
			la brosse à vaisselle en hêtre
			le torchon en lin
			la boîte à lunch en inox
			la planche à découper
			le moulin à poivre
			la cocotte en fonte
			la carafe en verre
			l’éponge lavable
			l’emballage à la cire d’abeille
			le couteau d’office
			la théière en grès
			le tablier en coton
			la gourde en inox
			le saladier en bois
			la râpe en inox
			le pot à épices`),
		"V": lines(`
			renforce
			nourrit
			améliore
			transforme
			simplifie
			met en valeur
			fait grandir
			structure
			accompagne
			rassure
			attire
			inspire
			révèle
			soutient
			clarifie
			prolonge
			alimente
			stimule
			valorise
			fidélise
			rapproche
			éclaire
			complète
			enrichit
			fait vivre
			déclenche
			facilite
			relance
			consolide
			donne du sens à
			crée
			suscite
			mérite
			demande
			change
			protège
			encourage
			prépare
			raconte
			entretient`),
		"O": lines(`
			la confiance des abonnés
			l’engagement
			les échanges en commentaires
			la visibilité de la marque
			les ventes en ligne
			le bouche-à-oreille
			la fidélité des clients
			les partages
			le trafic du blog
			la réputation de la marque
			les avis clients
			la relation client
			les conversations
			les retours d’expérience
			la cohérence du discours
			le taux de clics
			les inscriptions à la newsletter
			les produits réparables
			la démarche zéro déchet
			les gestes du quotidien
			les recettes de saison
			les conseils d’entretien
			l’image de marque
			la notoriété locale
			les nouveaux abonnés
			les clients exigeants
			la communauté locale
			les valeurs de la marque
			le travail des artisans
			la durabilité des objets
			les coulisses de l’atelier
			la transparence
			l’authenticité
			les questions fréquentes
			les messages privés
			le calendrier de publication
			les indicateurs clés
			le temps de réponse
			la qualité des échanges
			les contenus utiles
			les tutoriels vidéo
			les photos de cuisine
			les idées de recettes
			la réparation plutôt que le remplacement
			les achats responsables
			la cuisine sans plastique
			le rangement de la cuisine
			les ustensiles durables
			la saisonnalité
			les circuits courts
			le dialogue avec les clients
			la portée organique
			les visites en boutique
			la curiosité des lecteurs
			les recommandations
			le sentiment d’appartenance
			les prises de parole
			les nouveautés du catalogue
			la modération des commentaires
			{P}`),
		"C": lines(`
			chaque semaine
			au quotidien
			sur Mastodon
			sur Bluesky
			sur le blog
			dans la newsletter
			sans effort
			dès le premier mois
			en quelques minutes
			à long terme
			sur la durée
			avant les fêtes
			pendant les soldes
			au fil des saisons
			le dimanche soir
			à l’heure du déjeuner
			dans la cuisine
			à la maison
			en boutique
			en ligne
			sans budget publicitaire
			avec peu de moyens
			de façon durable
			pas à pas
			en toute transparence
			avec régularité
			chaque matin
			le mardi midi
			en fin de journée
			au moment des repas
			dans les commentaires
			par message privé
			en équipe
			pour de bon
			mieux qu’une publicité
			plus qu’on ne le croit
			sans forcer
			dès la rentrée
			au printemps
			tout au long de l’année`),
		"Op": lines(`
			En pratique,
			Par ailleurs,
			Bien sûr,
			Au fond,
			Concrètement,
			De notre côté,
			Pour une petite équipe,
			Dans les faits,
			Autrement dit,
			En revanche,
			Pourtant,
			De plus,
			Au quotidien,
			Avec le recul,
			Sur le terrain,
			À l’usage,
			Le plus souvent,
			Dans notre expérience,
			Très vite,
			Peu à peu,`),
		"Y": words(`publiez planifiez testez mesurez partagez préparez animez soignez
			racontez montrez écoutez valorisez relisez programmez suivez documentez
			photographiez expliquez invitez accompagnez`),
		"W": words(`testons préparons partageons mesurons racontons publions suivons
			privilégions documentons soignons observons planifions relisons montrons
			encourageons`),
		"I": words(`publier planifier mesurer animer fidéliser valoriser raconter partager
			préparer suivre améliorer entretenir expliquer montrer structurer modérer
			relancer soigner comprendre documenter`),
		"Adj": words(`essentiel utile précieux décisif rassurant efficace simple durable
			payant motivant logique indispensable`),
		"Who": lines(`
			notre responsable communauté
			Camille, de l’atelier
			une cliente de Lyon
			notre équipe du service client
			un artisan partenaire
			Léa, notre community manager
			Thomas, à la logistique
			Inès, qui prépare la newsletter
			un abonné de la première heure`),
		"Src": lines(`
			notre équipe
			les artisans que nous suivons
			une étude récente
			nos derniers chiffres
			les retours de nos clients
			plusieurs marques amies`),
		"A": lines(`
			les petites marques
			les artisans
			les boutiques en ligne
			les équipes réduites
			les débutants
			les marques engagées
			les commerces de quartier
			les créateurs
			les indépendants
			les marques de cuisine`),
		"N":      words(`3 4 5 6 7 8 9 10 12`),
		"Season": lines("la rentrée\nl’été\nl’hiver\nl’automne\nprintemps\nNoël"),
		"Clause": lines(`
			{S} {V} {O}
			{S} {V} {O} {C}
			il ne faut pas {I} {O} à la légère`),
		"Partner": lines(`
			l’Atelier Fonte & Fils
			la Verrerie du Lac
			les Tissages de Vienne
			la coopérative Bois Vivant`),

		"sentence": lines(`
			{S} {V} {O} {C}.
			{S} {V} {O}.
			{Op} {S} {V} {O}.
			{Op} {S} {V} {O} {C}.
			{C}, {S} {V} {O}.
			Quand {S} {V} {O}, {S} {V} aussi {O}.
			Si vous {Y} {O} {C}, {S} {V} {O}.
			Nous {W} {O} {C}, parce que {S} {V} {O}.
			Comment {I} {O} sans y passer des heures ?
			Faut-il vraiment {I} {O} {C} ?
			{S} {V} {O} ; {S} {V} {O}.
			Le constat est simple : {S} {V} {O}.
			Une chose est sûre : {S} {V} {O} {C}.
			Résultat : {S} {V} {O}.
			{Op} vous pouvez {I} {O} {C}.
			{S} {V} {O}, et cela se voit !
			Avec {O}, {S} {V} {O}.
			Sans {O}, difficile de {I} {O}.
			Il vaut mieux {I} {O} que de {I} {O}.
			Chez Brindille, nous {W} {O} {C}.
			À quoi bon {I} {O} si personne ne le voit ?
			Pensez à {I} {O} {C}.
			Vous hésitez ? Commencez par {I} {O}.
			Selon {Src}, {S} {V} {O}.
			{S} {V} {O} : c’est {Adj} pour {O}.
			Le plus simple ? {Y^} {O} {C}.
			Trois semaines plus tard, {S} {V} {O}.
			« {Clause^} », résume {Who}.
			Bonne nouvelle : {S} {V} {O} !
			{Op} nous {W} {O} avant de {I} {O}.
			Prendre le temps de {I} {O}, c’est {Adj}.
			{Y^} {O}, puis {Y} {O} {C}.`),
		"intro": lines(`
			Dans cet article, nous faisons le point sur {KPDef} : {Clause}.
			{KPDef^} {V} {O}, encore faut-il s’y prendre correctement.
			Chez Brindille, {KPDef} occupe une place à part {C}.
			Vous vous demandez comment aborder {KPDef} ? Voici notre méthode, testée {C}.
			Parlons de {KPDef} : {S} {V} {O}, et nous allons voir pourquoi.
			{KPDef^} revient souvent dans vos questions, alors prenons le temps d’en parler.`),
		"kpSentence": lines(`
			{KPDef^} {V} {O} {C}.
			C’est tout l’intérêt de {KPDef}.
			Avec {KPDef}, {S} {V} {O}.
			Nous avons revu {KPDef} {C}, et {S} {V} {O}.
			Pour {KPDef}, {Y} {O} {C}.
			Travailler {KPDef} demande un peu de méthode.`),
		"heading2": lines(`
			Pourquoi {KPDef} compte vraiment
			{KPCap} : par où commencer ?
			Les erreurs à éviter avec {KPDef}
			Ce que disent les chiffres
			Comment {I} {O}
			{I^} {O} sans s’épuiser
			Nos outils du quotidien
			Un exemple concret
			Le cas de {P}
			Mesurer les résultats
			Et après ?
			Ce qu’il faut retenir
			Les bonnes pratiques
			{O^} : notre méthode
			Questions fréquentes
			Aller plus loin
			Trois idées pour {I} {O}
			Le rôle de {S}
			{KPCap} au quotidien
			Planifier sans se disperser
			Ce que nous avons appris {C}
			{I^} {O} {C}`),
		"heading3": lines(`
			Le point de vue de l’atelier
			Un piège fréquent
			Ce qui a marché
			Ce qui n’a pas marché
			Exemple : {P}
			Notre conseil
			{I^} {O}
			Sur Mastodon
			Sur Bluesky
			Dans la newsletter
			Côté chiffres
			En résumé`),
		"title": lines(`
			{KPCap} : le guide pour {A}
			{KPCap} : {N} conseils pour {A}
			{N} erreurs à éviter avec {KPDef}
			Tout savoir sur {KPDef} en {YR}
			Pourquoi miser sur {KPDef} en {YR} ?
			{KPCap}, mode d’emploi pour {A}
			Réussir {KPDef} sans budget
			{KPCap} : ce que nous avons appris
			Nos {N} astuces pour {KPDef}
			{KPCap} : méthode, outils et exemples
			Améliorer {KPDef} en {N} étapes
			{KPCap} : nos essais chez Brindille
			Débuter avec {KPDef} : les bases
			{KPCap} pour {A} : notre retour
			Le point sur {KPDef} en {YR}
			{KPCap} : {N} exemples qui marchent
			Faut-il repenser {KPDef} ?
			{KPCap} : la checklist de {Season}
			{KPCap} pour {A}
			{KPCap} : nos réponses à vos questions`),
		"desc": lines(`
			{KPDef^} {V} {O}.
			Tout ce qu’il faut savoir sur {KPDef}, expliqué simplement.
			Comment aborder {KPDef} {C} ?
			{KPDef^} sans prise de tête : méthode et exemples.
			Nous avons testé {KPDef} pendant un an.
			{KPDef^}, vu depuis notre atelier lyonnais.`),
		"descTail": lines(`
			Nos conseils pour {A}.
			Exemples concrets à l’appui.
			Méthode, outils et erreurs à éviter.
			Un retour d’expérience de l’équipe Brindille.
			À lire avant votre prochaine campagne.
			Simple, concret et testé chez nous.
			Pour {I} {O} {C}.
			Avec une checklist à garder sous la main.
			Les chiffres et les outils.`),
		"listIntro": lines(`
			Voici ce que nous retenons :
			En pratique, nous vérifions trois choses :
			Quelques pistes pour commencer :
			Notre liste de contrôle :
			Ce qui fonctionne chez nous :
			Les points à surveiller :`),
		"listItem": lines(`
			{I^} {O} {C}
			{I^} {O}
			{O^} {C}
			{Y^} {O} avant de {I} {O}
			Ne pas oublier {O}
			{P^} comme exemple`),
		"internalLink": lines(`
			Nous en parlions déjà dans notre article sur [{TKPDef}]({TURL}).
			Pour aller plus loin, lisez [{TTITLE}]({TURL}).
			À lire aussi : [{TTITLE}]({TURL}).
			Nous détaillons cette question dans [notre guide sur {TKPDef}]({TURL}).
			Si le sujet vous intéresse, [cet article sur {TKPDef}]({TURL}) devrait vous plaire.`),
		"outboundLink": lines(`
			Une [étude publiée en {YR}]({OUT}) montre que {S} {V} {O}.
			Selon [ce rapport]({OUT}), {S} {V} {O} {C}.
			[Cette analyse]({OUT}) le confirme : {S} {V} {O}.
			Vous trouverez des chiffres détaillés dans [ce dossier]({OUT}).`),
		"outSection": words(`etudes rapports guides blog dossiers ressources`),
		"codeSentence": lines(`
			Ajoutez le paramètre ` + "`utm_source=mastodon`" + ` à vos liens {C}.
			Nous suivons le hashtag ` + "`#CuisineDurable`" + ` {C}.
			Dans le tableur, filtrez la colonne ` + "`taux_engagement`" + ` chaque lundi.
			Le fichier ` + "`cm.yaml`" + ` garde les créneaux de publication de chaque réseau.
			Un simple ` + "`cm check`" + ` avant de publier évite bien des fautes.
			Nommez vos visuels ` + "`produit-angle-date.png`" + ` pour les retrouver.`),
		"alt": lines(`
			Une poêle en fonte posée sur un plan de travail en bois
			Des bocaux en verre remplis de légumineuses sur une étagère
			Une brosse à vaisselle en hêtre près d’un évier
			Un torchon en lin plié à côté d’une planche à découper
			Une boîte à lunch en inox ouverte sur une table
			Une cocotte fumante sur une cuisinière
			L’atelier de réparation avec des outils suspendus au mur
			Une main qui répare le manche d’un couteau d’office
			Des épices dans des pots en verre étiquetés à la main
			Une théière en grès et deux tasses sur un plateau`),
		"shareMastodon": lines(`
			Nouvel article sur le blog : {TITLE}
			{TITLE} : notre article est en ligne. #Brindille
			On a rassemblé nos conseils sur {KPDef}. Bonne lecture !`),
		"shareBluesky": lines(`
			Nouvel article : {TITLE}
			{KPDef^} : nos conseils sont sur le blog.
			À lire : {TITLE}`),
		"postSentence": lines(`
			Nouveau sur le blog : tout sur {KPDef}.
			Vous aussi, vous {Y} {O} {C} ?
			On vous montre comment {I} {O}, photos à l’appui.
			Question du jour : comment {I} {O} ?
			Petit rappel : {S} {V} {O}.
			Merci pour vos retours sur {P} !
			{S^} {V} {O} {C}.
			{Y^} {O} {C}, et dites-nous ce que vous en pensez.
			Cette semaine à l’atelier, nous {W} {O}.`),
		"postShort": lines(`
			{KPDef^} en trois images.
			Question du jour : comment {I} {O} ?
			Nouveau sur le blog : {KPDef}.
			Merci pour vos retours sur {P} !
			Cette semaine, nous {W} {O}.`),
		"postDisclosure": lines(`
			Partenariat rémunéré avec {Partner}.
			#Sponsorisé, en partenariat avec {Partner}.`),
		"campaignTitle": lines(`
			Semaine de la réparation
			Rentrée sans plastique
			Des fêtes plus durables
			Printemps en cuisine
			Soldes responsables
			Le mois du vrac
			Opération reprise
			L’été des bocaux
			Cuisine de saison
			Ateliers entretien`),
		"goal": lines(`
			{I^} {O} auprès de {N}00 nouveaux abonnés
			Faire connaître {P} {C}
			{I^} {O} et doubler les inscriptions à la newsletter
			Mettre en avant {O} pendant toute la campagne`),
		"disclosure": lines(`
			*Cet article est sponsorisé : il a été réalisé en partenariat avec {Partner}.*
			*Article sponsorisé, écrit en partenariat avec {Partner}, qui n’a pas relu le texte avant publication.*`),
	}
	for name, list := range slots {
		for i, s := range list {
			list[i] = frenchSpacing.Replace(s)
		}
		slots[name] = list
	}
	return &language{
		code:       "fr",
		slots:      slots,
		fix:        fixFrench,
		keyphrases: frenchKeyphrases(),
		tags: words(`reseaux-sociaux community-management cuisine zero-dechet reparation
			entretien recettes newsletter referencement marque mastodon bluesky
			moderation photo video coulisses partenariats saisons`),
		hashtags: words(`Brindille ZeroDechet CuisineDurable Reparer FaitMain Vrac`),
	}
}

// frenchKeyphrases are aligned by index with englishKeyphrases.
func frenchKeyphrases() []keyphrase {
	defs := lines(`
		le calendrier éditorial
		la ligne éditoriale
		la stratégie de contenu
		la gestion de communauté
		le community management
		la modération des commentaires
		le référencement naturel
		le marketing d’influence
		la poêle en fonte
		le bocal en verre
		la cuisine zéro déchet
		la vaisselle durable
		l’emballage réutilisable
		l’entretien des ustensiles
		la réparation des objets
		le taux d’engagement
		la newsletter mensuelle
		la fiche produit
		la photo culinaire
		la vidéo courte
		le réseau social décentralisé
		le compte Mastodon
		la présence sur Bluesky
		le service client
		la relation client
		l’image de marque
		le ton de marque
		le programme de fidélité
		la campagne saisonnière
		le planning de publication
		la veille concurrentielle
		la boutique en ligne
		l’achat responsable
		le rangement de cuisine
		la cuisine de saison
		l’atelier de réparation
		la marque engagée
		la communication responsable
		le tableau de bord
		la charte éditoriale
		le contenu sponsorisé
		le partenariat local`)
	out := make([]keyphrase, len(defs))
	for i, def := range defs {
		out[i] = keyphrase{text: stripFrenchArticle(def), def: def}
	}
	return out
}

// stripFrenchArticle removes the leading article of a noun phrase.
func stripFrenchArticle(s string) string {
	for _, article := range []string{"le ", "la ", "les ", "l’"} {
		if rest, ok := strings.CutPrefix(s, article); ok {
			return rest
		}
	}
	return s
}

// frenchSpacing puts the narrow no-break space where French typography
// wants it.
var frenchSpacing = strings.NewReplacer(
	" ?", nnbsp+"?", " !", nnbsp+"!", " :", nnbsp+":", " ;", nnbsp+";",
	"« ", "«"+nnbsp, " »", nnbsp+"»",
)

// fixFrench applies the contractions and elisions that joining slots
// breaks: "de le" -> "du", "que une" -> "qu’une", "de animer" -> "d’animer".
// Vocabulary entries are written correctly; only slot boundaries need this.
// It runs on every sentence, so it copies nothing unless a pair joins.
func fixFrench(s string) string {
	var b strings.Builder
	copied := 0 // s[:copied] is already in b
	for start := 0; start < len(s); {
		end := wordEnd(s, start)
		if end == len(s) {
			break
		}
		nextEnd := wordEnd(s, end+1)
		joined, ok := frenchJoin(s[start:end], s[end+1:nextEnd])
		if !ok {
			start = end + 1
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[copied:start])
		b.WriteString(joined)
		copied = nextEnd
		start = nextEnd + 1
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// wordEnd is the index of the space ending the word at start, or len(s).
func wordEnd(s string, start int) int {
	if i := strings.IndexByte(s[start:], ' '); i >= 0 {
		return start + i
	}
	return len(s)
}

// elidable are the words that lose their final vowel before a vowel.
var elidable = map[string]bool{
	"de": true, "que": true, "le": true, "la": true, "ne": true,
	"se": true, "je": true, "lorsque": true, "puisque": true,
}

// frenchJoin merges two words when French grammar requires it.
func frenchJoin(word, next string) (string, bool) {
	if len(word) > len("lorsque") || next == "" {
		return "", false
	}
	lower := word
	if c := word[0]; c >= 'A' && c <= 'Z' {
		lower = string(c+'a'-'A') + word[1:]
	} else if rest, ok := strings.CutPrefix(word, "À"); ok {
		lower = "à" + rest
	}
	switch {
	case lower == "de" && next == "le":
		return keepCase(word, "du"), true
	case lower == "de" && next == "les":
		return keepCase(word, "des"), true
	case lower == "à" && next == "le":
		return keepCase(word, "au"), true
	case lower == "à" && next == "les":
		return keepCase(word, "aux"), true
	case elidable[lower] && startsWithVowel(next):
		return word[:len(word)-1] + "’" + next, true
	}
	return "", false
}

// keepCase returns replacement capitalised like word.
func keepCase(word, replacement string) string {
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
		return upperFirst(replacement)
	}
	return replacement
}

// startsWithVowel ignores h: most h words in the vocabulary are aspirated
// ("le hashtag") and the others carry their article already.
func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÉÈÊÎÔÙÛŒ", r)
}
