package corpus

import "strings"

// english is the vocabulary of the English articles and posts.
func english() *language {
	slots := map[string][]string{
		"S": lines(`
			the community
			our community
			the community manager
			the editorial team
			our team
			the brand
			a small brand
			the editorial calendar
			every post
			a good post
			the Mastodon feed
			the Bluesky account
			the newsletter
			the blog
			every article
			a short video
			the photo carousel
			the editorial line
			the brand voice
			a strong visual
			moderation
			every comment
			a quick reply
			customer service
			the product page
			the repair guide
			the take-back program
			the online shop
			the repair workshop
			a loyal customer
			a curious follower
			the local partnership
			the collaboration with a designer
			the monthly giveaway
			the back-to-school campaign
			the dashboard
			a look at the analytics
			organic search
			the content strategy
			the publishing plan
			a seasonal recipe
			a customer story
			the FAQ page
			the brand hashtag
			a discussion thread
			the moderation policy
			{P}`),
		"P": lines(`
			the cast iron pan
			the glass storage jar
			the beech dish brush
			the linen tea towel
			the stainless steel lunch box
			the chopping board
			the pepper mill
			the cast iron casserole
			the glass carafe
			the washable sponge
			the beeswax wrap
			the paring knife
			the stoneware teapot
			the cotton apron
			the steel water bottle
			the wooden salad bowl
			the steel grater
			the spice jar`),
		"V": lines(`
			strengthens
			feeds
			improves
			transforms
			simplifies
			highlights
			grows
			structures
			supports
			reassures
			attracts
			inspires
			reveals
			clarifies
			extends
			fuels
			stimulates
			showcases
			rewards
			brings out
			sheds light on
			completes
			enriches
			brings to life
			triggers
			makes room for
			revives
			consolidates
			gives meaning to
			creates
			sparks
			deserves
			needs
			changes
			protects
			encourages
			prepares
			tells the story of
			sustains
			shapes`),
		"O": lines(`
			audience trust
			engagement
			the conversation in the comments
			brand visibility
			online sales
			word of mouth
			customer loyalty
			shares
			blog traffic
			the brand’s reputation
			customer reviews
			the customer relationship
			conversations
			feedback from customers
			a consistent message
			the click-through rate
			newsletter sign-ups
			repairable products
			the zero waste approach
			everyday habits
			seasonal recipes
			care tips
			the brand image
			local awareness
			new followers
			demanding customers
			the local community
			the brand’s values
			the work of craftspeople
			the durability of objects
			life behind the scenes at the workshop
			transparency
			authenticity
			frequently asked questions
			direct messages
			the publishing calendar
			key metrics
			response time
			the quality of the discussion
			useful content
			video tutorials
			kitchen photos
			recipe ideas
			repair over replacement
			responsible shopping
			plastic-free cooking
			kitchen storage
			durable kitchen tools
			seasonality
			short supply chains
			dialogue with customers
			organic reach
			visits to the shop
			readers’ curiosity
			recommendations
			a sense of belonging
			public statements
			what is new in the catalog
			comment moderation
			{P}`),
		"C": lines(`
			every week
			day to day
			on Mastodon
			on Bluesky
			on the blog
			in the newsletter
			without effort
			from the first month
			in a few minutes
			in the long run
			over time
			before the holidays
			during the sales
			season after season
			on Sunday evenings
			at lunchtime
			in the kitchen
			at home
			in the shop
			online
			without an ad budget
			on a shoestring
			for the long haul
			step by step
			in full transparency
			with regularity
			every morning
			on Tuesday at noon
			at the end of the day
			around mealtimes
			in the comments
			by direct message
			as a team
			for good
			better than any advert
			more than you would think
			without forcing it
			from September
			in spring
			all year round`),
		"Op": lines(`
			In practice,
			Besides,
			Of course,
			At heart,
			Concretely,
			On our side,
			For a small team,
			In reality,
			In other words,
			On the other hand,
			And yet,
			What is more,
			Day to day,
			Looking back,
			On the ground,
			With use,
			More often than not,
			In our experience,
			Very quickly,
			Little by little,`),
		"Y": words(`publish schedule test measure share prepare nurture polish tell show
			review highlight proofread plan follow document photograph explain
			invite support`),
		"I": words(`publish schedule measure nurture reward highlight tell share prepare
			follow improve maintain explain show structure moderate revive polish
			understand document`),
		"Adj": words(`essential useful precious decisive reassuring effective simple
			durable worthwhile motivating logical indispensable`),
		"Who": lines(`
			our community lead
			Camille, from the workshop
			a customer from Lyon
			our customer service team
			a partner craftsman
			Léa, our community manager
			Thomas, in logistics
			Inès, who writes the newsletter
			one of our earliest followers`),
		"Src": lines(`
			our team
			the craftspeople we follow
			a recent study
			our latest figures
			feedback from our customers
			several friendly brands`),
		"A": lines(`
			small brands
			makers
			online shops
			small teams
			beginners
			purpose-driven brands
			neighborhood shops
			designers
			freelancers
			kitchenware brands`),
		"N":      words(`3 4 5 6 7 8 9 10 12`),
		"Season": lines("back-to-school\nsummer\nwinter\nautumn\nspring\nholiday"),
		"Clause": lines(`
			{S} {V} {O}
			{S} {V} {O} {C}
			you should never {I} {O} in a hurry`),
		"Partner": lines(`
			Atelier Fonte & Fils
			Verrerie du Lac
			Tissages de Vienne
			the Bois Vivant cooperative`),

		"sentence": lines(`
			{S} {V} {O} {C}.
			{S} {V} {O}.
			{Op} {S} {V} {O}.
			{Op} {S} {V} {O} {C}.
			{C}, {S} {V} {O}.
			When {S} {V} {O}, {S} also {V} {O}.
			If you {Y} {O} {C}, {S} {V} {O}.
			We {Y} {O} {C}, because {S} {V} {O}.
			How do you {I} {O} without spending hours on it?
			Should you really {I} {O} {C}?
			{S} {V} {O}; {S} {V} {O}.
			The takeaway is simple: {S} {V} {O}.
			One thing is certain: {S} {V} {O} {C}.
			The result: {S} {V} {O}.
			{Op} you can {I} {O} {C}.
			{S} {V} {O}, and it shows!
			With {O}, {S} {V} {O}.
			Without {O}, it is hard to {I} {O}.
			It is better to {I} {O} than to {I} {O}.
			At Brindille, we {Y} {O} {C}.
			Why {I} {O} if nobody sees it?
			Remember to {I} {O} {C}.
			Not sure? Start by trying to {I} {O}.
			According to {Src}, {S} {V} {O}.
			{S} {V} {O}: it is {Adj} for {O}.
			The simplest option? {Y^} {O} {C}.
			Three weeks later, {S} {V} {O}.
			“{Clause^},” says {Who}.
			Good news: {S} {V} {O}!
			{Op} we {Y} {O} before we {Y} {O}.
			Taking the time to {I} {O} is {Adj}.
			{Y^} {O}, then {Y} {O} {C}.`),
		"intro": lines(`
			In this article, we take stock of {KPDef}: {Clause}.
			{KPDef^} {V} {O}, as long as you go about it the right way.
			At Brindille, {KPDef} has a special place {C}.
			Wondering how to approach {KPDef}? Here is our method, tested {C}.
			Let us talk about {KPDef}: {S} {V} {O}, and we will see why.
			{KPDef^} comes up often in your questions, so let us take the time to discuss it.`),
		"kpSentence": lines(`
			{KPDef^} {V} {O} {C}.
			That is the whole point of {KPDef}.
			With {KPDef}, {S} {V} {O}.
			We reworked {KPDef} {C}, and {S} {V} {O}.
			For {KPDef}, {Y} {O} {C}.
			Getting {KPDef} right takes a little method.`),
		"heading2": lines(`
			Why {KPDef} really matters
			{KPCap}: where to start?
			Mistakes to avoid with {KPDef}
			What the numbers say
			How to {I} {O}
			{I^} {O} without burning out
			Our everyday tools
			A concrete example
			The case of {P}
			Measuring results
			What comes next?
			What to remember
			Good practices
			{O^}: our method
			Frequently asked questions
			Going further
			Three ideas to {I} {O}
			The role of {S}
			{KPCap} day to day
			Planning without scattering
			What we learned {C}
			{I^} {O} {C}`),
		"heading3": lines(`
			The view from the workshop
			A common trap
			What worked
			What did not work
			Example: {P}
			Our advice
			{I^} {O}
			On Mastodon
			On Bluesky
			In the newsletter
			By the numbers
			In short`),
		"title": lines(`
			{KPCap}: a guide for {A}
			{KPCap}: {N} tips for {A}
			{N} mistakes to avoid with {KPDef}
			Everything about {KPDef} in {YR}
			Why bet on {KPDef} in {YR}?
			{KPCap}, explained for {A}
			Getting {KPDef} right without a budget
			{KPCap}: what we learned
			Our {N} tricks for {KPDef}
			{KPCap}: method, tools and examples
			Improve {KPDef} in {N} steps
			{KPCap}: our experiments at Brindille
			Starting out with {KPDef}: the basics
			{KPCap} for {A}: lessons learned
			The state of {KPDef} in {YR}
			{KPCap}: {N} examples that work
			Is it time to rethink {KPDef}?
			{KPCap}: the {Season} checklist
			{KPCap} for {A}
			{KPCap}: answers to your questions`),
		"desc": lines(`
			{KPDef^} {V} {O}.
			Everything you need to know about {KPDef}, explained simply.
			How should you approach {KPDef} {C}?
			{KPDef^} without the headache: method and examples.
			We tested {KPDef} for a whole year.
			{KPDef^}, seen from our workshop in Lyon.`),
		"descTail": lines(`
			Our advice for {A}.
			With concrete examples.
			Method, tools and mistakes to avoid.
			Lessons from the Brindille team.
			Read it before your next campaign.
			Simple, concrete and tested in-house.
			How to {I} {O} {C}.
			With a checklist to keep close at hand.
			Figures and tools included.`),
		"listIntro": lines(`
			Here is what we keep in mind:
			In practice, we check three things:
			A few ideas to get started:
			Our checklist:
			What works for us:
			Points to watch:`),
		"listItem": lines(`
			{I^} {O} {C}
			{I^} {O}
			{O^} {C}
			{Y^} {O} before you {Y} {O}
			Do not forget {O}
			{P^} as an example`),
		"internalLink": lines(`
			We covered this in our article on [{TKPDef}]({TURL}).
			To go further, read [{TTITLE}]({TURL}).
			See also: [{TTITLE}]({TURL}).
			We go into detail in [our guide to {TKPDef}]({TURL}).
			If the topic interests you, [this article on {TKPDef}]({TURL}) should help.`),
		"outboundLink": lines(`
			A [study published in {YR}]({OUT}) shows that {S} {V} {O}.
			According to [this report]({OUT}), {S} {V} {O} {C}.
			[This analysis]({OUT}) confirms it: {S} {V} {O}.
			You will find detailed figures in [this report]({OUT}).`),
		"outSection": words(`studies reports guides blog features resources`),
		"codeSentence": lines(`
			Add the ` + "`utm_source=mastodon`" + ` parameter to your links {C}.
			We follow the ` + "`#SustainableKitchen`" + ` hashtag {C}.
			In the spreadsheet, filter the ` + "`engagement_rate`" + ` column every Monday.
			The ` + "`cm.yaml`" + ` file keeps the posting windows of each network.
			A quick ` + "`cm check`" + ` before publishing catches many mistakes.
			Name your visuals ` + "`product-angle-date.png`" + ` so you can find them again.`),
		"alt": lines(`
			A cast iron pan on a wooden worktop
			Glass jars filled with pulses on a shelf
			A beech dish brush next to a sink
			A folded linen tea towel beside a chopping board
			An open stainless steel lunch box on a table
			A steaming casserole on a stove
			The repair workshop with tools hanging on the wall
			A hand repairing the handle of a paring knife
			Spices in hand-labelled glass jars
			A stoneware teapot and two cups on a tray`),
		"shareMastodon": lines(`
			New on the blog: {TITLE}
			{TITLE}: our article is online. #Brindille
			We gathered our advice on {KPDef}. Happy reading!`),
		"shareBluesky": lines(`
			New article: {TITLE}
			{KPDef^}: our advice is on the blog.
			Worth a read: {TITLE}`),
		"postSentence": lines(`
			New on the blog: all about {KPDef}.
			Do you also {Y} {O} {C}?
			We show you how to {I} {O}, with photos.
			Question of the day: how do you {I} {O}?
			Quick reminder: {S} {V} {O}.
			Thank you for your feedback on {P}!
			{S^} {V} {O} {C}.
			{Y^} {O} {C}, and tell us what you think.
			This week at the workshop, we {Y} {O}.`),
		"postShort": lines(`
			{KPDef^} in three pictures.
			Question of the day: how do you {I} {O}?
			New on the blog: {KPDef}.
			Thank you for your feedback on {P}!
			This week, we {Y} {O}.`),
		"postDisclosure": lines(`
			Paid partnership with {Partner}.
			#Ad, in partnership with {Partner}.`),
		"campaignTitle": lines(`
			Repair week
			Plastic-free back to school
			Greener holidays
			Spring in the kitchen
			Responsible sales
			Bulk buying month
			Take-back drive
			Summer of jars
			Seasonal cooking
			Care workshops`),
		"goal": lines(`
			{I^} {O} with {N}00 new followers
			Make {P} known {C}
			{I^} {O} and double newsletter sign-ups
			Put {O} forward for the whole campaign`),
		"disclosure": lines(`
			*This article is sponsored: it was produced in partnership with {Partner}.*
			*Sponsored article, written in partnership with {Partner}, who did not review the text before publication.*`),
	}
	return &language{
		code:       "en",
		slots:      slots,
		keyphrases: englishKeyphrases(),
		tags: words(`social-media community-management kitchen zero-waste repair care
			recipes newsletter seo brand mastodon bluesky moderation photography video
			behind-the-scenes partnerships seasons`),
		hashtags: words(`Brindille ZeroWaste SustainableKitchen RepairNotReplace Handmade BulkBuying`),
	}
}

// englishKeyphrases are aligned by index with frenchKeyphrases.
func englishKeyphrases() []keyphrase {
	defs := lines(`
		the editorial calendar
		the editorial line
		the content strategy
		community building
		community management
		comment moderation
		organic search
		influencer marketing
		the cast iron pan
		the glass storage jar
		the zero waste kitchen
		durable tableware
		the reusable food wrap
		kitchen tool care
		everyday object repair
		the engagement rate
		the monthly newsletter
		the product page
		food photography
		the short video
		the decentralized social network
		your Mastodon account
		your Bluesky presence
		customer service
		the customer relationship
		the brand image
		the brand voice
		the loyalty program
		the seasonal campaign
		the publishing schedule
		competitor monitoring
		the online shop
		responsible shopping
		kitchen storage
		seasonal cooking
		the repair workshop
		the purpose-driven brand
		responsible communication
		the analytics dashboard
		the style guide
		sponsored content
		the local partnership`)
	out := make([]keyphrase, len(defs))
	for i, def := range defs {
		text := def
		for _, determiner := range []string{"the ", "your "} {
			text = strings.TrimPrefix(text, determiner)
		}
		out[i] = keyphrase{text: text, def: def}
	}
	return out
}
