package serve

import (
	"fmt"
	"strings"
	"time"
)

// L are the words of the preview's interface in one language. Site pages
// get their own language's; cm's pages the one chosen with ?lang=, the
// site's default language otherwise.
type L struct {
	Lang string
	// Navigation.
	Site, Diagnostics, Calendar, Social, Language string
	// The page panel.
	PanelTitle, PanelSite, OpenPanel, ClosePanel, NoDiagnostics, Checking string
	BuildWarnings, SocialPreviews, AllDiagnostics, ThisFile               string
	Errors, Warnings, Infos, Files                                        string
	DraftTitle, DraftText, FutureTitle, FutureText                        string
	// The overlay.
	OverlayTitle, OverlayStale, OverlayHint, Hide, Line string
	// The diagnostics page.
	DiagTitle, DiagIntro, Rule, Severity, AllRules, AllSeverities, File string
	Position, Message, Fix, Filter, Reset, NoMatch, Shown, More         string
	SevError, SevWarning, SevInfo                                       string
	// The calendar.
	CalTitle, Week, Month, Today, Previous, Next, AllChannels, Windows string
	Queued, Scheduled, Published, Conflicts, NoSlot, NoConflict        string
	Campaign, Blackout, Nothing, WeekOf, Legend, Article, Post         string
	Announcement                                                       string
	Days                                                               [7]string // Monday first
	MonthNames                                                         [12]string
	// Conflicts, by schedule.ConflictKind.
	OutsideWindows, OnBlackout, NoSlotFound, TooClose, TooMany, Past, OutsideCampaign string
	// Social previews.
	SocialTitle, SocialIntro, Item, Channels, Counted, Limit, CutHere, Over string
	Bytes, Hashtags, NoAlt, Alt, LinkCard, Text, Written, Variant, Body     string
	MediaRequired, NotANetwork, Share, NoMessages, Preview, When, Over2     string
}

var labelsFR = &L{
	Lang: "fr",
	Site: "Site", Diagnostics: "Diagnostics", Calendar: "Calendrier", Social: "Aperçus réseaux", Language: "Langue",
	PanelTitle: "Diagnostics de la page", PanelSite: "Diagnostics du site", OpenPanel: "Ouvrir les diagnostics de cm",
	ClosePanel: "Fermer", NoDiagnostics: "Rien à signaler\u202f: cm check ne trouve rien dans ce fichier.",
	Checking: "Vérification du site en cours…", BuildWarnings: "Avertissements de cm build",
	SocialPreviews: "Aperçus réseaux", AllDiagnostics: "Tous les diagnostics", ThisFile: "Ce fichier",
	Errors: "erreurs", Warnings: "avertissements", Infos: "infos", Files: "fichiers",
	DraftTitle: "Brouillon", DraftText: "cet article n’est ni construit ni publié tant que draft: true.",
	FutureTitle: "Programmé", FutureText: "cet article paraîtra le %s\u202f; cm build ne le construit pas avant.",
	OverlayTitle: "cm ne peut pas afficher le site tel quel", OverlayStale: "Vous voyez la dernière version qui fonctionnait.",
	OverlayHint: "La page se recharge d’elle-même dès que le fichier est corrigé.", Hide: "Masquer", Line: "ligne",
	DiagTitle: "Diagnostics", DiagIntro: "Tout ce que cm check trouve dans le dépôt, mis à jour à chaque enregistrement.",
	Rule: "Règle", Severity: "Gravité", AllRules: "Toutes les règles", AllSeverities: "Toutes les gravités", File: "Fichier",
	Position: "Position", Message: "Message", Fix: "Correction", Filter: "Filtrer", Reset: "Tout afficher",
	NoMatch: "Aucun diagnostic ne correspond.", Shown: "%d sur %d affichés",
	More:     "%d de plus\u202f: filtrez pour les voir",
	SevError: "erreur", SevWarning: "avertissement", SevInfo: "info",
	CalTitle: "Calendrier de publication", Week: "Semaine", Month: "Mois", Today: "Aujourd’hui", Previous: "Précédent",
	Next: "Suivant", AllChannels: "Tous les canaux", Windows: "Créneaux de publication",
	Queued: "en file", Scheduled: "programmé", Published: "publié", Conflicts: "Conflits",
	NoSlot: "Sans créneau", NoConflict: "Aucun conflit avec la politique de publication.",
	Campaign: "Campagne", Blackout: "Jour sans publication", Nothing: "Rien de prévu.", WeekOf: "Semaine du %s",
	Legend: "Légende", Article: "article", Post: "post", Announcement: "annonce",
	Days:           [7]string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."},
	MonthNames:     [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	OutsideWindows: "hors des créneaux du canal", OnBlackout: "un jour sans publication",
	NoSlotFound: "aucun créneau libre dans l’année", TooClose: "à %s de %s (minimum %s)",
	TooMany: "%d posts ce jour-là (maximum %d)", Past: "l’heure est passée et rien n’a été publié",
	OutsideCampaign: "en dehors des dates de la campagne",
	SocialTitle:     "Aperçus réseaux", SocialIntro: "Le texte exact que chaque réseau recevra, compté comme il le compte.",
	Item: "Contenu", Channels: "Canaux", Counted: "%d / %d %s", Limit: "limite", CutHere: "coupé ici",
	Over: "%d de trop", Bytes: "%d / %d octets", Hashtags: "%d / %d hashtags", NoAlt: "sans texte alternatif", Alt: "ALT",
	LinkCard: "Carte de lien", Text: "Texte", Written: "Écrit dans", Variant: "variante", Body: "le corps du fichier",
	MediaRequired: "ce réseau refuse un post sans image", NotANetwork: "Reçoit le texte tel quel, sans limite.",
	Share: "annonce", NoMessages: "Aucun post ni annonce d’article dans le dépôt.", Preview: "Aperçu", When: "Quand",
	Over2: "dépasse",
}

var labelsEN = &L{
	Lang: "en",
	Site: "Site", Diagnostics: "Diagnostics", Calendar: "Calendar", Social: "Social previews", Language: "Language",
	PanelTitle: "Page diagnostics", PanelSite: "Site diagnostics", OpenPanel: "Open cm’s diagnostics",
	ClosePanel: "Close", NoDiagnostics: "All clear: cm check finds nothing in this file.",
	Checking: "Checking the site…", BuildWarnings: "cm build warnings",
	SocialPreviews: "Social previews", AllDiagnostics: "All diagnostics", ThisFile: "This file",
	Errors: "errors", Warnings: "warnings", Infos: "infos", Files: "files",
	DraftTitle: "Draft", DraftText: "this article is neither built nor published while draft: true.",
	FutureTitle: "Scheduled", FutureText: "this article goes live on %s; cm build leaves it out until then.",
	OverlayTitle: "cm cannot show the site as it is", OverlayStale: "You are looking at the last version that worked.",
	OverlayHint: "The page reloads by itself as soon as the file is fixed.", Hide: "Hide", Line: "line",
	DiagTitle: "Diagnostics", DiagIntro: "Everything cm check finds in the repository, updated on every save.",
	Rule: "Rule", Severity: "Severity", AllRules: "All rules", AllSeverities: "All severities", File: "File",
	Position: "Position", Message: "Message", Fix: "Fix", Filter: "Filter", Reset: "Show all",
	NoMatch: "No diagnostic matches.", Shown: "%d of %d shown",
	More:     "%d more: filter to see them",
	SevError: "error", SevWarning: "warning", SevInfo: "info",
	CalTitle: "Publication calendar", Week: "Week", Month: "Month", Today: "Today", Previous: "Previous",
	Next: "Next", AllChannels: "All channels", Windows: "Posting windows",
	Queued: "queued", Scheduled: "scheduled", Published: "published", Conflicts: "Conflicts",
	NoSlot: "No slot", NoConflict: "No conflict with the posting policy.",
	Campaign: "Campaign", Blackout: "Blackout day", Nothing: "Nothing planned.", WeekOf: "Week of %s",
	Legend: "Legend", Article: "article", Post: "post", Announcement: "announcement",
	Days:           [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
	MonthNames:     [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	OutsideWindows: "outside the channel’s posting windows", OnBlackout: "on a blackout day",
	NoSlotFound: "no free slot within a year", TooClose: "%s after %s (minimum %s)",
	TooMany: "%d posts that day (at most %d)", Past: "the time has passed and nothing was published",
	OutsideCampaign: "outside the campaign’s dates",
	SocialTitle:     "Social previews", SocialIntro: "The exact text each network will receive, counted the way it counts.",
	Item: "Content", Channels: "Channels", Counted: "%d / %d %s", Limit: "limit", CutHere: "cut here",
	Over: "%d over", Bytes: "%d / %d bytes", Hashtags: "%d / %d hashtags", NoAlt: "no alternative text", Alt: "ALT",
	LinkCard: "Link card", Text: "Text", Written: "Written in", Variant: "variant", Body: "the file’s body",
	MediaRequired: "this network refuses a post without an image", NotANetwork: "Receives the text as it is, with no limit.",
	Share: "announcement", NoMessages: "No post or article announcement in the repository.", Preview: "Preview", When: "When",
	Over2: "over",
}

// labelsFor returns the interface's words in a language; other languages
// read English.
func labelsFor(lang string) *L {
	if lang == "fr" {
		return labelsFR
	}
	return labelsEN
}

// Dateline writes a time the way readers of the language do:
// "mar. 12 janvier 2027 à 21:00", "Tue, January 12, 2027, 21:00".
func (l *L) Dateline(t time.Time) string {
	day := l.Days[(int(t.Weekday())+6)%7]
	if l.Lang == "fr" {
		d := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return fmt.Sprintf("%s %s %s %d à %s", day, d, l.MonthNames[t.Month()-1], t.Year(), t.Format("15:04"))
	}
	return fmt.Sprintf("%s, %s %d, %d, %s", day, l.MonthNames[t.Month()-1], t.Day(), t.Year(), t.Format("15:04"))
}

// DayMonth writes "12 janvier" or "January 12".
func (l *L) DayMonth(t time.Time) string {
	if l.Lang == "fr" {
		d := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			d = "1er"
		}
		return d + " " + l.MonthNames[t.Month()-1]
	}
	return fmt.Sprintf("%s %d", l.MonthNames[t.Month()-1], t.Day())
}

// Date writes "8 février 2027" or "February 8, 2027".
func (l *L) Date(t time.Time) string {
	if l.Lang == "fr" {
		return l.DayMonth(t) + " " + fmt.Sprint(t.Year())
	}
	return l.DayMonth(t) + ", " + fmt.Sprint(t.Year())
}

// MonthYear writes "janvier 2027" or "January 2027".
func (l *L) MonthYear(t time.Time) string {
	m := l.MonthNames[t.Month()-1]
	if l.Lang == "fr" {
		return m + " " + fmt.Sprint(t.Year())
	}
	return m + " " + fmt.Sprint(t.Year())
}

// Unit names a network's counting unit ("graphemes") in the language.
func (l *L) Unit(unit string) string {
	if l.Lang != "fr" {
		return unit
	}
	switch unit {
	case "characters":
		return "caractères"
	case "graphemes":
		return "graphèmes"
	case "weighted characters":
		return "caractères pondérés"
	}
	return unit
}

// SeverityName is a severity in the language.
func (l *L) SeverityName(sev string) string {
	switch sev {
	case "error":
		return l.SevError
	case "warning":
		return l.SevWarning
	}
	return l.SevInfo
}

// Count writes "3 erreurs" with the right singular.
func (l *L) Count(n int, plural string) string {
	word := plural
	// French says "0 erreur", English "0 errors".
	if n == 1 || (n == 0 && l.Lang == "fr") {
		word = strings.TrimSuffix(word, "s")
	}
	return fmt.Sprintf("%d\u00a0%s", n, word)
}
