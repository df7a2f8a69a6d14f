//! Paired Finnish/English vocabulary shared by both languages of a page.
//!
//! Everything a translation must mirror lives here as `[fi, en]` pairs:
//! chapter titles, headings (so an anchor chosen once exists in both
//! languages), section names, owners and the small lists that channel
//! profiles are made of. Free running text is per language (`text_fi.rs`,
//! `text_en.rs`) because a translation does not need to match it word for word.

/// A Finnish/English pair.
pub type Pair = [&'static str; 2];

/// The first half of a chapter title: an activity.
pub const TOPICS: &[Pair] = &[
    ["Kommentteihin vastaaminen", "Responding to comments"],
    ["Yksityisviestien käsittely", "Handling private messages"],
    ["Sisällön suunnittelu", "Planning content"],
    [
        "Julkaisukalenterin laatiminen",
        "Building a publishing calendar",
    ],
    ["Kuvien ja videoiden käyttö", "Using images and videos"],
    [
        "Työnantajakuvan rakentaminen",
        "Building the employer brand",
    ],
    ["Kriisiviestintä", "Crisis communication"],
    ["Asiakaspalvelu", "Customer service"],
    ["Mainonta ja ostettu näkyvyys", "Advertising and paid reach"],
    ["Saavutettava viestintä", "Accessible communication"],
    ["Tulosten mittaaminen", "Measuring results"],
    ["Livelähetykset", "Live broadcasts"],
    ["Vaikuttajayhteistyö", "Working with influencers"],
    [
        "Tekijänoikeudet ja kuvaluvat",
        "Copyright and image permissions",
    ],
    ["Henkilötietojen suojaaminen", "Protecting personal data"],
    [
        "Asiattomien viestien moderointi",
        "Moderating inappropriate messages",
    ],
    [
        "Tunnusten ja salasanojen hallinta",
        "Managing accounts and passwords",
    ],
    ["Tapahtumien markkinointi", "Promoting events"],
    ["Asukkaiden osallistaminen", "Engaging residents"],
    ["Uutisten jakaminen", "Sharing news"],
    ["Selkokielinen viestintä", "Plain language communication"],
    ["Monikielinen viestintä", "Multilingual communication"],
    ["Hashtagien käyttö", "Using hashtags"],
    ["Mediaseuranta", "Media monitoring"],
    ["Yhteisömanagerointi", "Community management"],
    ["Virheiden korjaaminen", "Correcting mistakes"],
    ["Tarinallinen sisältö", "Storytelling content"],
    ["Henkilöstön somettaminen", "Staff on social media"],
    ["Lyhytvideoiden tekeminen", "Making short videos"],
    ["Palautteen käsittely", "Handling feedback"],
    ["Kilpailujen järjestäminen", "Running contests"],
    [
        "Yhteistyö toimialojen kanssa",
        "Cooperation with departments",
    ],
];

/// The second half of a chapter title: where or when.
pub const CONTEXTS: &[Pair] = &[
    ["Facebookissa", "on Facebook"],
    ["Instagramissa", "on Instagram"],
    ["X:ssä", "on X"],
    ["YouTubessa", "on YouTube"],
    ["LinkedInissä", "on LinkedIn"],
    ["TikTokissa", "on TikTok"],
    ["somekanavalla", "on a social media channel"],
    ["verkkosivuilla", "on the city website"],
    ["uutiskirjeessä", "in the newsletter"],
    ["intranetissä", "on the intranet"],
    ["WhatsAppissa", "on WhatsApp"],
    ["poikkeustilanteissa", "in exceptional situations"],
    ["tapahtumissa", "at events"],
    ["kesäkaudella", "during the summer season"],
    ["vaalien aikana", "during elections"],
    ["rekrytoinnissa", "in recruitment"],
    ["matkailumarkkinoinnissa", "in tourism marketing"],
    ["kirjastossa", "at the library"],
    ["nuorisotyössä", "in youth work"],
    ["kouluissa", "in schools"],
    ["asukasviestinnässä", "in resident communications"],
];

/// Headings inside chapters. Plain words only (no punctuation), and no two
/// share an id in either language, so every anchor is unambiguous.
pub const HEADINGS: &[Pair] = &[
    ["Tavoitteet", "Goals"],
    ["Kenelle kirjoitamme", "Who we write for"],
    ["Äänensävy ja tyyli", "Tone and style"],
    [
        "Vastuut ja työnjako",
        "Responsibilities and division of work",
    ],
    ["Vastaaminen", "Responding"],
    ["Vastausajat", "Response times"],
    ["Julkaisutahti", "Publishing rhythm"],
    ["Kuvat ja videot", "Images and videos"],
    ["Saavutettavuus", "Accessibility"],
    ["Hyvät käytännöt", "Good practices"],
    ["Vältettävät asiat", "Things to avoid"],
    ["Esimerkkejä", "Examples"],
    ["Mittarit ja seuranta", "Metrics and monitoring"],
    ["Kriisitilanteet", "Crisis situations"],
    ["Moderointi", "Moderation"],
    ["Yhteystiedot", "Contacts"],
    [
        "Tarkistuslista ennen julkaisua",
        "Checklist before publishing",
    ],
    ["Usein kysytyt kysymykset", "Frequently asked questions"],
    ["Lainsäädäntö ja ohjeet", "Legislation and guidelines"],
    ["Työkalut", "Tools"],
    ["Sisältötyypit", "Content types"],
    ["Yhteistyö muiden kanssa", "Working with others"],
    ["Kieliversiot", "Language versions"],
    ["Mainonnan kohdentaminen", "Targeting advertising"],
    ["Raportointi", "Reporting"],
    ["Poikkeusajat", "Exceptional times"],
    ["Viestien arkistointi", "Archiving messages"],
    ["Kuvaluvat", "Image permissions"],
    ["Perehdytys", "Onboarding"],
    ["Päivystys viikonloppuisin", "Weekend duty"],
    ["Vaikeat keskustelut", "Difficult conversations"],
    ["Tunnusten hallinta", "Account management"],
    ["Käytännön vinkit", "Practical tips"],
    ["Mitä seuraavaksi", "What comes next"],
    ["Taustaa", "Background"],
    ["Ennen aloittamista", "Before you start"],
    ["Sisällön ideointi", "Coming up with content"],
    ["Kampanjat", "Campaigns"],
    ["Yleisön tunteminen", "Knowing the audience"],
    ["Kaupunkibrändi", "The city brand"],
    ["Työnantajakuva", "Employer brand"],
    ["Tapahtumat", "Events"],
    ["Pelisäännöt", "Ground rules"],
    ["Tietosuoja", "Data protection"],
    ["Hätätilanteet", "Emergencies"],
    ["Säännöllinen arviointi", "Regular evaluation"],
    ["Vastaamisen sävy", "Tone of replies"],
    ["Kommenttien piilottaminen", "Hiding comments"],
    ["Asiakaspalvelun siirto", "Handing over to customer service"],
    ["Sisäinen viestintä", "Internal communication"],
    ["Vuosikello", "Annual calendar"],
    ["Somekanavan avaaminen", "Opening a new channel"],
    ["Kanavan lopettaminen", "Closing a channel"],
    ["Mediasuhteet", "Media relations"],
];

/// Section (folder) names.
pub const SECTIONS: &[Pair] = &[
    ["Perusteet", "Basics"],
    ["Kanavat", "Channels"],
    ["Asiakaspalvelu somessa", "Customer service on social media"],
    ["Sisällöntuotanto", "Content production"],
    ["Kriisiviestintä", "Crisis communication"],
    ["Työnantajakuva", "Employer brand"],
    ["Tapahtumat ja kampanjat", "Events and campaigns"],
    ["Saavutettavuus ja kieli", "Accessibility and language"],
    ["Tietosuoja ja turvallisuus", "Privacy and security"],
    ["Mittaaminen", "Measurement"],
    ["Matkailu", "Tourism"],
    ["Kirjasto ja kulttuuri", "Library and culture"],
    ["Nuoret", "Young people"],
    ["Sisäinen viestintä", "Internal communication"],
    ["Yhteistyö", "Cooperation"],
    ["Mainonta", "Advertising"],
];

/// Who answers for a chapter (front matter `owner`).
pub const OWNERS: &[Pair] = &[
    ["Viestintäyksikkö", "Communications unit"],
    ["Asiakaspalvelu", "Customer service"],
    ["Henkilöstöpalvelut", "HR services"],
    ["Matkailu ja markkinointi", "Tourism and marketing"],
    ["Kirjastopalvelut", "Library services"],
    ["Nuorisopalvelut", "Youth services"],
    ["Kaupunginkanslia", "City office"],
    ["Tietohallinto", "IT services"],
];

/// Fixed review dates: a corpus must not change with the day it is made.
pub const REVIEWED: &[&str] = &["2026-10-01", "2026-09-15", "2026-08-20", "2026-06-01"];

/// Callout kinds of GitHub-style alerts.
pub const CALLOUTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// Situations for the "who does what" table: situation, who, deadline.
pub const SITUATIONS: &[[Pair; 3]] = &[
    [
        ["Asukkaan kysymys", "A resident's question"],
        ["Asiakaspalvelu", "Customer service"],
        ["1 arkipäivä", "1 working day"],
    ],
    [
        ["Toimittajan yhteydenotto", "A journalist's enquiry"],
        ["Viestintäyksikkö", "Communications unit"],
        ["Sama päivä", "Same day"],
    ],
    [
        ["Asiaton kommentti", "An inappropriate comment"],
        ["Kanavan ylläpitäjä", "Channel administrator"],
        ["2 tuntia", "2 hours"],
    ],
    [
        ["Virheellinen julkaisu", "A post with an error"],
        ["Julkaisija", "The publisher"],
        ["Heti", "At once"],
    ],
    [
        ["Kriisitilanne", "A crisis"],
        ["Viestintäjohtaja", "Head of communications"],
        ["30 minuuttia", "30 minutes"],
    ],
    [
        ["Palaute palvelusta", "Feedback on a service"],
        ["Toimiala", "The department"],
        ["5 arkipäivää", "5 working days"],
    ],
    [
        ["Tietopyyntö", "A request for information"],
        ["Kirjaamo", "Registry office"],
        ["2 viikkoa", "2 weeks"],
    ],
    [
        ["Kuvalupa", "An image permission"],
        ["Kuvaaja", "The photographer"],
        ["Ennen julkaisua", "Before publishing"],
    ],
];

/// Tone words for channel profiles.
pub const TONES: &[Pair] = &[
    ["kaverillinen", "friendly"],
    ["yhteisöllinen", "communal"],
    ["vieraanvarainen", "welcoming"],
    ["asiantunteva", "knowledgeable"],
    ["rennon asiallinen", "relaxed but factual"],
    ["kokeileva", "experimental"],
    ["innostava", "inspiring"],
    ["luotettava", "reliable"],
    ["puhekielinen", "conversational"],
    ["iloinen", "cheerful"],
];

/// Purposes for channel profiles.
pub const PURPOSES: &[Pair] = &[
    [
        "kaupunkimielikuvan kehittäminen",
        "developing the image of the city",
    ],
    ["asukasviestintä", "communicating with residents"],
    [
        "vuorovaikutus kaupunkilaisten kanssa",
        "interaction with residents",
    ],
    [
        "työnantajakuvan vahvistaminen",
        "strengthening the employer brand",
    ],
    ["matkailijoiden houkutteleminen", "attracting visitors"],
    ["asiantuntijuuden esiin tuominen", "showcasing expertise"],
    ["tapahtumista kertominen", "telling about events"],
    [
        "nopea tiedottaminen häiriöistä",
        "quick notices about disruptions",
    ],
];

/// What a channel typically publishes.
pub const CONTENTS: &[Pair] = &[
    ["ajankohtaiset uutiset", "current news"],
    ["tapahtumanostot", "event highlights"],
    ["livevideot", "live videos"],
    ["henkilöesittelyt", "staff profiles"],
    ["rekrytointi-ilmoitukset", "job advertisements"],
    ["kulissien takaiset tarinat", "behind-the-scenes stories"],
    ["kyselyt ja äänestykset", "polls and votes"],
    ["häiriötiedotteet", "service disruption notices"],
    ["valokuvat kaupungista", "photos of the city"],
];

/// Channel dos.
pub const DOS: &[Pair] = &[
    ["Vastaa kysymyksiin nopeasti", "Answer questions quickly"],
    ["Käytä selkeää kieltä", "Use plain language"],
    ["Tekstitä videot", "Caption your videos"],
    [
        "Lisää kuviin vaihtoehtoinen teksti",
        "Add alt text to images",
    ],
    ["Kiitä palautteesta", "Thank people for feedback"],
    ["Kerro tapahtumista ajoissa", "Announce events in good time"],
    [
        "Jaa kaupunkilaisten kuvia luvalla",
        "Share residents' photos with permission",
    ],
];

/// Channel don'ts.
pub const DONTS: &[Pair] = &[
    [
        "Älä poista asiallista kritiikkiä",
        "Don't delete fair criticism",
    ],
    ["Älä julkaise henkilötietoja", "Don't publish personal data"],
    [
        "Älä käy väittelyä kommenteissa",
        "Don't argue in the comments",
    ],
    ["Älä käytä virkakieltä", "Don't use bureaucratic language"],
    [
        "Älä lupaa mitä et voi pitää",
        "Don't promise what you can't keep",
    ],
    [
        "Älä ota kantaa puoluepolitiikkaan",
        "Don't take sides in party politics",
    ],
];
