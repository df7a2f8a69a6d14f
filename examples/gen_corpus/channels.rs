//! The ten channel profiles of the corpus (content/channels/kanava-NN.yaml).
//!
//! The per-channel facts are written out here; the lists (tone, purpose,
//! content, dos, don'ts) are drawn from the paired banks so that every field
//! exists in both languages.

use crate::bank::{CONTENTS, DONTS, DOS, PURPOSES, Pair, TONES};
use crate::rng::Rng;
use crate::yaml::{quote, write_list_map, write_map};

/// One channel's own facts.
pub struct Channel {
    pub name: Pair,
    pub platform: &'static str,
    pub url: &'static str,
    pub owner: &'static str,
    pub languages: &'static [&'static str],
    pub description: Pair,
    pub audience: Pair,
    pub response_time: Pair,
}

pub const CHANNELS: &[Channel] = &[
    Channel {
        name: ["Lappeenranta Facebookissa", "Lappeenranta on Facebook"],
        platform: "facebook",
        url: "https://www.facebook.com/lappeenranta",
        owner: "Viestintäyksikkö",
        languages: &["fi"],
        description: [
            "Asukasviestinnän **pääkanava** sosiaalisessa mediassa. Facebookissa kaupunki on kaverillinen, yhteisöllinen ja vieraanvarainen.",
            "The **main channel** for residents on social media. On Facebook the city is friendly, communal and welcoming.",
        ],
        audience: [
            "Aikuiset kaupunkilaiset ja Lappeenrantaan tunnesiteen omaavat",
            "Adult residents and people with ties to Lappeenranta",
        ],
        response_time: ["Arkisin vuorokauden sisällä", "Within one working day"],
    },
    Channel {
        name: ["Lappeenranta Instagramissa", "Lappeenranta on Instagram"],
        platform: "instagram",
        url: "https://www.instagram.com/lappeenranta",
        owner: "Viestintäyksikkö",
        languages: &["fi", "en"],
        description: [
            "Kuvia ja lyhytvideoita kaupungin arjesta. Katso myös [Facebook-kanava](kanava-01.yaml).",
            "Photos and short videos of everyday life in the city. See also the [Facebook channel](kanava-01.yaml).",
        ],
        audience: [
            "Nuoret aikuiset ja opiskelijat",
            "Young adults and students",
        ],
        response_time: ["Arkisin saman päivän aikana", "The same working day"],
    },
    Channel {
        name: ["Lappeenranta X:ssä", "Lappeenranta on X"],
        platform: "x",
        url: "https://x.com/lappeenranta",
        owner: "Kaupunginkanslia",
        languages: &["fi"],
        description: [
            "Tiedotuskanava, jossa otetaan kantaa ajankohtaisiin asioihin ja tuodaan esiin kaupungin *edelläkävijyyttä*.",
            "A news channel for taking part in current debates and showing that the city is a *forerunner*.",
        ],
        audience: [
            "Toimittajat, päättäjät ja sidosryhmät",
            "Journalists, decision makers and partners",
        ],
        response_time: ["Arkisin vuorokauden sisällä", "Within one working day"],
    },
    Channel {
        name: ["Lappeenranta YouTubessa", "Lappeenranta on YouTube"],
        platform: "youtube",
        url: "https://www.youtube.com/@lappeenranta",
        owner: "Viestintäyksikkö",
        languages: &["fi", "en"],
        description: [
            "Valtuuston kokousten tallenteet ja pidemmät videot kaupungista.",
            "Recordings of council meetings and longer videos about the city.",
        ],
        audience: ["Kaikki kaupunkilaiset", "All residents"],
        response_time: ["Viikon sisällä", "Within a week"],
    },
    Channel {
        name: ["Lappeenranta LinkedInissä", "Lappeenranta on LinkedIn"],
        platform: "linkedin",
        url: "https://www.linkedin.com/company/lappeenranta",
        owner: "Henkilöstöpalvelut",
        languages: &["fi", "en"],
        description: [
            "Kaupunki työnantajana ja elinkeinoelämän kumppanina. Työnantajakuvaa rakennetaan työntekijöiden tarinoilla.",
            "The city as an employer and a partner for business. The employer brand is built on the stories of our staff.",
        ],
        audience: ["Työnhakijat ja yritykset", "Job seekers and companies"],
        response_time: ["Kahden arkipäivän sisällä", "Within two working days"],
    },
    Channel {
        name: [
            "VisitLappeenranta Facebookissa",
            "VisitLappeenranta on Facebook",
        ],
        platform: "facebook",
        url: "https://www.facebook.com/visitlappeenranta",
        owner: "Matkailu ja markkinointi",
        languages: &["fi", "en"],
        description: [
            "Matkailijoille suunnattu kanava: Saimaa, linnoitus ja kesän tapahtumat. Katso myös [Instagram](kanava-07.yaml).",
            "A channel for visitors: Lake Saimaa, the fortress and summer events. See also [Instagram](kanava-07.yaml).",
        ],
        audience: [
            "Kotimaiset ja ulkomaiset matkailijat",
            "Domestic and foreign visitors",
        ],
        response_time: ["Arkisin vuorokauden sisällä", "Within one working day"],
    },
    Channel {
        name: [
            "VisitLappeenranta Instagramissa",
            "VisitLappeenranta on Instagram",
        ],
        platform: "instagram",
        url: "https://www.instagram.com/visitlappeenranta",
        owner: "Matkailu ja markkinointi",
        languages: &["fi", "en"],
        description: [
            "Kauniita kuvia Saimaalta ja kaupungista. Sisällöissä tarinalla ja tunteella on oma osansa.",
            "Beautiful pictures of Lake Saimaa and the city. Story and emotion play their part in the content.",
        ],
        audience: [
            "Matkailijat ja kesäasukkaat",
            "Visitors and summer residents",
        ],
        response_time: ["Kahden arkipäivän sisällä", "Within two working days"],
    },
    Channel {
        name: ["Kirjasto Instagramissa", "The library on Instagram"],
        platform: "instagram",
        url: "https://www.instagram.com/lappeenrannankirjasto",
        owner: "Kirjastopalvelut",
        languages: &["fi"],
        description: [
            "Kirjavinkkejä, tapahtumia ja kurkistuksia kirjaston arkeen.",
            "Book tips, events and glimpses of everyday life at the library.",
        ],
        audience: [
            "Kirjaston asiakkaat ja lapsiperheet",
            "Library patrons and families",
        ],
        response_time: ["Arkisin saman päivän aikana", "The same working day"],
    },
    Channel {
        name: ["Nuorisopalvelut TikTokissa", "Youth services on TikTok"],
        platform: "tiktok",
        url: "https://www.tiktok.com/@lprnuoret",
        owner: "Nuorisopalvelut",
        languages: &["fi"],
        description: [
            "Kevyttä ja nopeaa sisältöä nuorille. Viesti on silti aina harkittu. Vertaa [Instagramiin](kanava-02.yaml).",
            "Light and quick content for young people. The message is still always considered. Compare with [Instagram](kanava-02.yaml).",
        ],
        audience: ["13–20-vuotiaat nuoret", "Young people aged 13 to 20"],
        response_time: ["Arkisin vuorokauden sisällä", "Within one working day"],
    },
    Channel {
        name: ["Lappeenranta WhatsAppissa", "Lappeenranta on WhatsApp"],
        platform: "whatsapp",
        url: "https://whatsapp.com/channel/lappeenranta",
        owner: "Asiakaspalvelu",
        languages: &["fi", "en"],
        description: [
            "Häiriötiedotteet ja tärkeät muistutukset suoraan puhelimeen.",
            "Service disruption notices and important reminders straight to your phone.",
        ],
        audience: ["Kaikki kaupunkilaiset", "All residents"],
        response_time: [
            "Kanava ei vastaa viesteihin",
            "The channel does not answer messages",
        ],
    },
];

/// The file name of channel `i` (0-based), e.g. `kanava-03.yaml`.
pub fn file_name(i: usize) -> String {
    format!("kanava-{:02}.yaml", i + 1)
}

/// Picks `n` distinct pairs from `bank`.
fn pick_pairs(rng: &mut Rng, bank: &'static [Pair], n: usize) -> Vec<Pair> {
    rng.distinct(bank.len(), n)
        .into_iter()
        .map(|i| bank[i])
        .collect()
}

/// The YAML text of channel `i`.
pub fn render(i: usize, rng: &mut Rng) -> String {
    let c = &CHANNELS[i];
    let mut out = String::with_capacity(2048);
    write_map(&mut out, "name", c.name);
    out.push_str(&format!("platform: {}\n", c.platform));
    out.push_str(&format!("url: {}\n", c.url));
    out.push_str(&format!("owner: {}\n", quote(c.owner)));
    out.push_str(&format!("languages: [{}]\n", c.languages.join(", ")));
    out.push_str(&format!("weight: {}\n", (i + 1) * 10));
    write_map(&mut out, "description", c.description);
    write_map(&mut out, "audience", c.audience);
    let n = 2 + rng.below(2);
    let purpose = pick_pairs(rng, PURPOSES, n);
    write_list_map(&mut out, "purpose", &purpose);
    let n = 2 + rng.below(2);
    let tone = pick_pairs(rng, TONES, n);
    write_list_map(&mut out, "tone", &tone);
    let n = 3 + rng.below(2);
    let content = pick_pairs(rng, CONTENTS, n);
    write_list_map(&mut out, "content", &content);
    let dos = pick_pairs(rng, DOS, 3);
    write_list_map(&mut out, "dos", &dos);
    let donts = pick_pairs(rng, DONTS, 3);
    write_list_map(&mut out, "donts", &donts);
    write_map(&mut out, "response_time", c.response_time);
    out
}
