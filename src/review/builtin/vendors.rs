//! Vendor credential formats: one rule per documented token format, beside the older rules in
//! `secrets.rs`.
//!
//! Three kinds of rule, with the weight each deserves:
//! - `token!`: a format with a vendor prefix (`glpat-`, `sntryu_`, `hvs.`) and a fixed alphabet
//!   and length. A match is a credential of that vendor: critical (severity 9.5, confidence 9.5,
//!   R = 9.0), failing a review alone, once its random part passes the entropy and placeholder
//!   gate of `secrets::known_ok`.
//! - `near!`: a format with no prefix of its own (32 hex characters, say), found only when the
//!   vendor's name is in the key it is assigned to (`SENTRY_TOKEN = "..."`). The name and the
//!   exact shape together leave little doubt: confidence 9.0 (R = 8.55, still blocking), with the
//!   same gate and a key that must not name an identifier (`_id`, `_url`, `_name`).
//! - Formats that are only a shape (a JWT) or public identifiers paired with a secret report
//!   lower; each says why where it is defined.
//!
//! Checksummed formats (GitHub, npm, PyPI) are verified in `checksum.rs`-style helpers below: a
//! token whose checksum fails is a made-up sample or a typo, not a live credential.

use super::lang::Langs;
use super::rule::{Hit, Rule};
use super::secrets::{KNOWN, ROTATE, entropy, known_ok, token_body};

/// A token with a literal vendor prefix: `$prefix` (a regex fragment) is kept when masking,
/// `$body` is the random part. The token must start at a word boundary and end before the next
/// token character.
macro_rules! token {
    ($id:literal, $what:literal, [$($kw:literal),+ $(,)?], $prefix:literal, $body:literal $(, $field:ident : $val:expr)* $(,)?) => {
        Rule {
            id: concat!("sec.", $id),
            message: concat!($what, " committed"),
            remediation: ROTATE,
            keywords: &[$($kw),+],
            pattern: concat!(r"\b(?P<s>(?P<p>", $prefix, r")(?:", $body, r"))(?:[^0-9A-Za-z_\-]|$)"),
            $($field: $val,)*
            ..KNOWN
        }
    };
}

/// Like `token!` for bodies in the base64 alphabet (`+`, `/`, `=` belong to the token).
macro_rules! token64 {
    ($id:literal, $what:literal, [$($kw:literal),+ $(,)?], $prefix:literal, $body:literal $(, $field:ident : $val:expr)* $(,)?) => {
        Rule {
            id: concat!("sec.", $id),
            message: concat!($what, " committed"),
            remediation: ROTATE,
            keywords: &[$($kw),+],
            pattern: concat!(r"\b(?P<s>(?P<p>", $prefix, r")(?:", $body, r"))(?:[^0-9A-Za-z_\-+/=]|$)"),
            $($field: $val,)*
            ..KNOWN
        }
    };
}

/// The pattern of a value assigned to a key that names a vendor: group `name` is the vendor's
/// name, `key` the rest of the key, `s` the value. An XML element whose value is on a line of
/// its own matches with group `split`, and the engine tries the rule again on the element's
/// lines joined.
macro_rules! assignment {
    ($names:literal, $value:literal) => {
        concat!(
            r"(?P<name>(?i:",
            $names,
            r"))(?P<key>[\w.\-]{0,40}?)(?:",
            r#"["'\]]{0,2}\s*(?:[:\s]\s*[A-Za-z\[\]]{1,12}\s*)?"#,
            r#"(?:=|:=|::=|:::=|\?=|\.=|=>|:|["']\s*,|>)"#,
            r#"[\s\x60'"=]{0,5}(?P<s>"#,
            $value,
            r")(?:[^0-9A-Za-z_\-+/=]|$)",
            // `<xToken>` ending the line: the engine joins the element's lines (`split`).
            r"|(?P<split>>)\s*$)"
        )
    };
}

/// A value of a fixed shape assigned to a key that names the vendor (`$names`, matched case
/// insensitively anywhere in the key): `x_token = "..."`, `X_TOKEN: ...`, `"x_key" => '...'`,
/// `var xToken string = "..."`, `xToken := "..."`, `X_TOKEN ?= ...`, `setProperty("X_TOKEN", "...")`,
/// `<xToken>...</xToken>`.
macro_rules! near {
    ($id:literal, $what:literal, [$($kw:literal),+ $(,)?], $names:literal, $value:literal $(, $field:ident : $val:expr)* $(,)?) => {
        Rule {
            id: concat!("sec.", $id),
            message: concat!($what, " committed"),
            remediation: ROTATE,
            keywords: &[$($kw),+],
            pattern: assignment!($names, $value),
            $($field: $val,)*
            ..Rule {
                confidence: 9.0,
                check: Some(near_ok),
                ..KNOWN
            }
        }
    };
}

/// Words that may follow a vendor's name in a camelCase key.
const KEY_WORDS: &[&str] = &[
    "token", "key", "api", "secret", "oauth", "login", "auth", "access", "pat", "personal", "app",
    "client", "password", "bot", "private", "sdk",
];

/// Key endings that name something about a credential rather than the credential.
const ID_ENDINGS: &[&str] = &[
    "id", "ids", "url", "uri", "host", "name", "user", "username", "email", "region", "version",
    "hash", "sha", "digest", "checksum", "commit", "path", "file", "dir", "type", "env", "var",
    "header", "prefix", "format", "regex", "pattern", "length", "len", "size", "count", "org",
    "project", "endpoint", "domain", "channel", "team", "account", "handle", "release", "build",
];

/// The key of a `near!` match must not end in an identifier word, and the value must pass the
/// known-format gate.
fn near_ok(h: &Hit<'_>) -> bool {
    near_key_ok(h) && known_ok(h)
}

fn near_key_ok(h: &Hit<'_>) -> bool {
    name_ok(h) && key_ok(h)
}

fn name_ok(h: &Hit<'_>) -> bool {
    // The vendor's name as a word of the key: `sumo`, `SUMO`, `Sumo`, not the inside of another
    // word (`sumOfExposures`, `okTable`, `meraKit`).
    if let Some(name) = h.caps.and_then(|c| c.name("name")) {
        let text = name.as_bytes();
        let letters: Vec<u8> = text
            .iter()
            .copied()
            .filter(u8::is_ascii_alphabetic)
            .collect();
        let lower = letters.iter().all(u8::is_ascii_lowercase);
        let upper = letters.iter().all(u8::is_ascii_uppercase);
        let capital = letters.first().is_some_and(u8::is_ascii_uppercase)
            && letters[1..].iter().all(u8::is_ascii_lowercase);
        // A camelCase step inside the name is allowed only where a key word starts
        // (`boxToken`, `snykApiKey`), never inside the vendor's word (`okTa`).
        let step = letters
            .windows(2)
            .position(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        let camel_ok = step.is_some_and(|i| {
            let rest = String::from_utf8_lossy(&letters[i + 1..]).to_ascii_lowercase();
            KEY_WORDS.iter().any(|w| rest.starts_with(w))
        });
        if !(lower || upper || capital || camel_ok) {
            return false;
        }
        let before = h.line.as_bytes()[..name.start()].last().copied();
        let glued = before.is_some_and(|b| b.is_ascii_alphanumeric());
        // Glued to a word before it only as a camelCase part (`myOktaToken`, `MY_OKTA`).
        if glued && !(capital || upper && before.is_some_and(|b| b.is_ascii_uppercase())) {
            return false;
        }
    }
    true
}

fn key_ok(h: &Hit<'_>) -> bool {
    let key = h.group("key").unwrap_or(b"").to_ascii_lowercase();
    let key = key.trim_ascii_end();
    let key = key.strip_suffix(b"\"").unwrap_or(key);
    let ends_with_word = |w: &str| {
        key.ends_with(w.as_bytes())
            && (key.len() == w.len() || matches!(key[key.len() - w.len() - 1], b'_' | b'-' | b'.'))
    };
    if ID_ENDINGS.iter().any(|w| ends_with_word(w)) {
        return false;
    }
    // camelCase: `sentryOrgId`, `sentryDsnUrl`.
    let raw = h.group("key").unwrap_or(b"");
    for w in [
        "Id", "ID", "Url", "URL", "Name", "Host", "Version", "Hash", "Sha",
    ] {
        if raw.ends_with(w.as_bytes()) {
            return false;
        }
    }
    true
}

/// Identifiers and public keys that belong to a credential but are not one (an OAuth client id,
/// a publishable key): reported so that a reader looks for the secret beside them, never
/// failing a review (R = 4.5, just above a generic assignment, which it explains better).
const ID: f64 = 6.0;
const ID_CONFIDENCE: f64 = 7.5;

/// Key files, judged by their path: a key store or an SSH private key is a credential whatever
/// its bytes (a `.p12` is binary; the diff only says that it changed). Test fixtures are common
/// (throwaway key stores for TLS tests), so these rules skip test paths.
const KEY_FILE: Rule = Rule {
    check: None,
    remediation: "Remove the key file from the change (and from history if it was pushed), \
                  revoke the key or certificate, and keep key files out of the repository \
                  (`.gitignore`, a secret manager).",
    skip_tests: true,
    ..KNOWN
};

/// Services whose keys have no documented shape of their own (kingfisher's long tail: geocoding,
/// currency, scraping, CRM and mailing APIs): a token-like value assigned to a key that names the
/// service and a secret (`SHODAN_API_KEY = "..."`, `postmark_token: ...`).
const SERVICE_NAMES: &[&str] = &[
    "adafruitio",
    "airbrake",
    "alchemy",
    "alibabacloud",
    "anypoint",
    "apifonica",
    "apilayer",
    "apimetrics",
    "apitemplate",
    "appfollow",
    "appointedd",
    "appoptics",
    "appsynergy",
    "auth0",
    "avaza",
    "aviationstack",
    "axonaut",
    "ayrshare",
    "azureopenai",
    "azuresearch",
    "azurestorage",
    "bannerbear",
    "baremetrics",
    "beebole",
    "besnappy",
    "besttime",
    "betterstack",
    "bitcoinaverage",
    "blazemeter",
    "blitapp",
    "blocknative",
    "blynk",
    "bombbomb",
    "boostnote",
    "borgbase",
    "brandfetch",
    "browshot",
    "bscscan",
    "buddyns",
    "budibase",
    "bugherd",
    "bugsnag",
    "buttercms",
    "caflou",
    "calendarific",
    "calendly",
    "calorieninja",
    "campayn",
    "cannyio",
    "capsulecrm",
    "carboninterface",
    "centralstationcrm",
    "chartmogul",
    "chatfuel",
    "checio",
    "checklyhq",
    "clarifai",
    "clearbit",
    "cliengo",
    "clockify",
    "closecrm",
    "cloudconvert",
    "cloudimage",
    "cloudmersive",
    "cloudplan",
    "cloudsight",
    "cloverly",
    "clustdoc",
    "codacy",
    "codeclimate",
    "codemagic",
    "codequiry",
    "coinapi",
    "coinlayer",
    "coinlib",
    "commercejs",
    "conversiontools",
    "convertapi",
    "convertkit",
    "countrylayer",
    "craftmypdf",
    "crowdin",
    "cryptocompare",
    "currencyfreaks",
    "currencylayer",
    "currencyscoop",
    "currentsapi",
    "d7network",
    "dailyco",
    "dareboost",
    "deepai",
    "detectify",
    "detectlanguage",
    "diffbot",
    "diggernaut",
    "disqus",
    "docparser",
    "documo",
    "dronahq",
    "dynalist",
    "dyspatch",
    "eagleeyenetworks",
    "ecostruxureit",
    "edenai",
    "elasticemail",
    "etherscan",
    "ethplorer",
    "eventbrite",
    "everhour",
    "exchangerateapi",
    "exchangeratesapi",
    "extractorapi",
    "fastforex",
    "feedier",
    "fetchrss",
    "financialmodelingprep",
    "fixerio",
    "flatio",
    "fleetbase",
    "flightapi",
    "flightlabs",
    "formbucket",
    "formcraft",
    "foursquare",
    "fxmarket",
    "geckoboard",
    "geoapify",
    "geocodify",
    "geoipifi",
    "getgeoapi",
    "getgist",
    "getresponse",
    "glassnode",
    "graphhopper",
    "groovehq",
    "gtmetrix",
    "happyscribe",
    "hellosign",
    "helpcrunch",
    "helpscout",
    "hereapi",
    "hiveage",
    "holidayapi",
    "html2pdf",
    "hybiscus",
    "iconfinder",
    "iexapis",
    "iexcloud",
    "imagekit",
    "imagga",
    "infura",
    "insightly",
    "instabot",
    "interseller",
    "intrinio",
    "ip2location",
    "ipgeolocation",
    "ipinfodb",
    "ipqualityscore",
    "ipstack",
    "jenkins",
    "jotform",
    "jupiterone",
    "karmacrm",
    "kickbox",
    "klipfolio",
    "knapsackpro",
    "kylas",
    "languagelayer",
    "leadfeeder",
    "lemlist",
    "lemonsqueezy",
    "lendflow",
    "lessannoyingcrm",
    "lexigram",
    "linkpreview",
    "livestorm",
    "loadmill",
    "loginradius",
    "logzio",
    "lokalise",
    "loyverse",
    "lunchmoney",
    "madkudu",
    "mailboxlayer",
    "mailerlite",
    "mailjet",
    "mailmodo",
    "mailsac",
    "mapquest",
    "marketstack",
    "mavenlink",
    "mediastack",
    "meistertask",
    "mesibo",
    "metrilo",
    "mindmeister",
    "mixmax",
    "mockaroo",
    "moonclerk",
    "moosend",
    "moralis",
    "myintervals",
    "nasdaqdatalink",
    "newsapi",
    "newscatcher",
    "nftport",
    "ngrok",
    "nicereply",
    "nightfall",
    "noticeable",
    "numverify",
    "nylas",
    "oanda",
    "omnisend",
    "onfleet",
    "oopspam",
    "opencagedata",
    "openuv",
    "opsgenie",
    "optimizely",
    "overloop",
    "owlbot",
    "packagecloud",
    "pagerduty",
    "pandadoc",
    "pandascore",
    "paperform",
    "paralleldots",
    "parseur",
    "particleio",
    "partnerstack",
    "pastebin",
    "paydirtapp",
    "paymoapp",
    "paymongo",
    "paystack",
    "pdflayer",
    "pdfshift",
    "peopledatalabs",
    "pepipost",
    "pipedream",
    "pipedrive",
    "pixabay",
    "pollsapi",
    "positionstack",
    "postageapp",
    "postmark",
    "powrbot",
    "prodpad",
    "prospectcrm",
    "protocolsio",
    "proxycrawl",
    "pushbullet",
    "qualaroo",
    "qubole",
    "rabbitmq",
    "reachmail",
    "reallysimplesystems",
    "rebrandly",
    "rentman",
    "replyio",
    "requestfinance",
    "restpack",
    "ritekit",
    "rocketreach",
    "rockset",
    "route4me",
    "salesblink",
    "salescookie",
    "salesflare",
    "scrapeowl",
    "scraperapi",
    "scraperbox",
    "scrapestack",
    "scrapingant",
    "scrapingbee",
    "screenshotapi",
    "screenshotlayer",
    "scrutinizerci",
    "securitytrails",
    "selectpdf",
    "serphouse",
    "serpstack",
    "sherpadesk",
    "shipday",
    "shodan",
    "shotstack",
    "shutterstock",
    "signaturit",
    "signupgenius",
    "sigopt",
    "simfin",
    "simplesat",
    "simplynoted",
    "simvoly",
    "skrappio",
    "smartsheets",
    "snipcart",
    "sparkpost",
    "speechtextai",
    "splunk",
    "spoonacular",
    "sportsmonk",
    "spotify",
    "squareup",
    "sslmate",
    "stackhawk",
    "statuscake",
    "statuspage",
    "statuspal",
    "stitchdata",
    "storecove",
    "stormboard",
    "stormglass",
    "storyblok",
    "storychief",
    "stripo",
    "surveysparrow",
    "survicate",
    "swiftype",
    "tallyfy",
    "tatumio",
    "taxjar",
    "teamworkcrm",
    "teamworkdesk",
    "teamworkspaces",
    "technicalanalysisapi",
    "tefter",
    "theoddsapi",
    "thingsboard",
    "ticketmaster",
    "tickettailor",
    "tiingo",
    "timecamp",
    "timezoneapi",
    "tmetric",
    "todoist",
    "toggltrack",
    "tomtom",
    "transferwise",
    "travelpayouts",
    "twelvedata",
    "tyntec",
    "uclassify",
    "unplugg",
    "unsplash",
    "upcdatabase",
    "uplead",
    "uptimerobot",
    "upwave",
    "urlscan",
    "userflow",
    "userstack",
    "vagrantcloud",
    "vatlayer",
    "vbout",
    "verimail",
    "veriphone",
    "versioneye",
    "viewneo",
    "virustotal",
    "visualcrossing",
    "voiceflow",
    "voicegain",
    "voodoosms",
    "vpnapi",
    "vultr",
    "walkscore",
    "weatherbit",
    "weatherstack",
    "web3storage",
    "webflow",
    "webscraping",
    "whoxy",
    "wistia",
    "worksnaps",
    "workstack",
    "worldcoinindex",
    "worldweather",
    "wrike",
    "youneedabudget",
    "yousign",
    "zenkit",
    "zenrows",
    "zenscrape",
    "zeplin",
    "zerobounce",
    "zerotier",
    "zipcodeapi",
    "zipcodebase",
    "zohocrm",
    "zonkafeedback",
];

/// Any of `SERVICE_NAMES` in a key that also says key, token, secret or password, assigned a
/// value with the entropy of a generated token. Blocking like `near!` (R = 8.55), but not in test
/// code, where fixtures hold made-up service keys.
const SERVICE_RULE: Rule = Rule {
    id: "sec.service-credential",
    message: "Credential of a named service committed",
    remediation: ROTATE,
    keywords: SERVICE_NAMES,
    pattern: assignment!(
        "adafruitio|airbrake|alchemy|alibabacloud|anypoint|apifonica|apilayer|apimetrics|apitemplate|appfollow|appointedd|appoptics|appsynergy|auth0|avaza|aviationstack|axonaut|ayrshare|azureopenai|azuresearch|azurestorage|bannerbear|baremetrics|beebole|besnappy|besttime|betterstack|bitcoinaverage|blazemeter|blitapp|blocknative|blynk|bombbomb|boostnote|borgbase|brandfetch|browshot|bscscan|buddyns|budibase|bugherd|bugsnag|buttercms|caflou|calendarific|calendly|calorieninja|campayn|cannyio|capsulecrm|carboninterface|centralstationcrm|chartmogul|chatfuel|checio|checklyhq|clarifai|clearbit|cliengo|clockify|closecrm|cloudconvert|cloudimage|cloudmersive|cloudplan|cloudsight|cloverly|clustdoc|codacy|codeclimate|codemagic|codequiry|coinapi|coinlayer|coinlib|commercejs|conversiontools|convertapi|convertkit|countrylayer|craftmypdf|crowdin|cryptocompare|currencyfreaks|currencylayer|currencyscoop|currentsapi|d7network|dailyco|dareboost|deepai|detectify|detectlanguage|diffbot|diggernaut|disqus|docparser|documo|dronahq|dynalist|dyspatch|eagleeyenetworks|ecostruxureit|edenai|elasticemail|etherscan|ethplorer|eventbrite|everhour|exchangerateapi|exchangeratesapi|extractorapi|fastforex|feedier|fetchrss|financialmodelingprep|fixerio|flatio|fleetbase|flightapi|flightlabs|formbucket|formcraft|foursquare|fxmarket|geckoboard|geoapify|geocodify|geoipifi|getgeoapi|getgist|getresponse|glassnode|graphhopper|groovehq|gtmetrix|happyscribe|hellosign|helpcrunch|helpscout|hereapi|hiveage|holidayapi|html2pdf|hybiscus|iconfinder|iexapis|iexcloud|imagekit|imagga|infura|insightly|instabot|interseller|intrinio|ip2location|ipgeolocation|ipinfodb|ipqualityscore|ipstack|jenkins|jotform|jupiterone|karmacrm|kickbox|klipfolio|knapsackpro|kylas|languagelayer|leadfeeder|lemlist|lemonsqueezy|lendflow|lessannoyingcrm|lexigram|linkpreview|livestorm|loadmill|loginradius|logzio|lokalise|loyverse|lunchmoney|madkudu|mailboxlayer|mailerlite|mailjet|mailmodo|mailsac|mapquest|marketstack|mavenlink|mediastack|meistertask|mesibo|metrilo|mindmeister|mixmax|mockaroo|moonclerk|moosend|moralis|myintervals|nasdaqdatalink|newsapi|newscatcher|nftport|ngrok|nicereply|nightfall|noticeable|numverify|nylas|oanda|omnisend|onfleet|oopspam|opencagedata|openuv|opsgenie|optimizely|overloop|owlbot|packagecloud|pagerduty|pandadoc|pandascore|paperform|paralleldots|parseur|particleio|partnerstack|pastebin|paydirtapp|paymoapp|paymongo|paystack|pdflayer|pdfshift|peopledatalabs|pepipost|pipedream|pipedrive|pixabay|pollsapi|positionstack|postageapp|postmark|powrbot|prodpad|prospectcrm|protocolsio|proxycrawl|pushbullet|qualaroo|qubole|rabbitmq|reachmail|reallysimplesystems|rebrandly|rentman|replyio|requestfinance|restpack|ritekit|rocketreach|rockset|route4me|salesblink|salescookie|salesflare|scrapeowl|scraperapi|scraperbox|scrapestack|scrapingant|scrapingbee|screenshotapi|screenshotlayer|scrutinizerci|securitytrails|selectpdf|serphouse|serpstack|sherpadesk|shipday|shodan|shotstack|shutterstock|signaturit|signupgenius|sigopt|simfin|simplesat|simplynoted|simvoly|skrappio|smartsheets|snipcart|sparkpost|speechtextai|splunk|spoonacular|sportsmonk|spotify|squareup|sslmate|stackhawk|statuscake|statuspage|statuspal|stitchdata|storecove|stormboard|stormglass|storyblok|storychief|stripo|surveysparrow|survicate|swiftype|tallyfy|tatumio|taxjar|teamworkcrm|teamworkdesk|teamworkspaces|technicalanalysisapi|tefter|theoddsapi|thingsboard|ticketmaster|tickettailor|tiingo|timecamp|timezoneapi|tmetric|todoist|toggltrack|tomtom|transferwise|travelpayouts|twelvedata|tyntec|uclassify|unplugg|unsplash|upcdatabase|uplead|uptimerobot|upwave|urlscan|userflow|userstack|vagrantcloud|vatlayer|vbout|verimail|veriphone|versioneye|viewneo|virustotal|visualcrossing|voiceflow|voicegain|voodoosms|vpnapi|vultr|walkscore|weatherbit|weatherstack|web3storage|webflow|webscraping|whoxy|wistia|worksnaps|workstack|worldcoinindex|worldweather|wrike|youneedabudget|yousign|zenkit|zenrows|zenscrape|zeplin|zerobounce|zerotier|zipcodeapi|zipcodebase|zohocrm|zonkafeedback",
        r"[A-Za-z0-9_\-]{20,128}|[A-Za-z0-9+/]{32,128}={0,2}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    ),
    // The alternation of names makes the pattern slow to compile and to run (milliseconds):
    // a line it can match holds a value's run of bytes, or ends an element it is split over.
    pre: Some(service_value_possible),
    confidence: 9.0,
    check: Some(service_ok),
    skip_tests: true,
    ..KNOWN
};

/// Whether `line` can hold a value of [`SERVICE_RULE`]: a run of 20 token bytes (a UUID is one)
/// or of 32 base64 bytes, or a `>` ending it (`<spotifyToken>` before the value's line).
fn service_value_possible(line: &str) -> bool {
    let run = |len: usize, of: fn(u8) -> bool| {
        let mut n = 0;
        line.bytes().any(|b| {
            n = if of(b) { n + 1 } else { 0 };
            n >= len
        })
    };
    run(20, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
    }) || run(32, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/')
    }) || line.trim_end().ends_with('>')
}

/// Words of a key that make it name a secret.
const SECRET_WORDS: &[&str] = &[
    "key",
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "auth",
    "credential",
    "pat",
];

/// A `near!` match whose key also names a secret (`GITHUB_CLIENT_SECRET`, `github_token`), for
/// shapes that are common outside credentials (40 hex is a commit id).
fn secret_key_ok(h: &Hit<'_>) -> bool {
    let key = h.group("key").unwrap_or(b"").to_ascii_lowercase();
    SECRET_WORDS
        .iter()
        .any(|w| key.windows(w.len()).any(|x| x == w.as_bytes()))
        && near_ok(h)
}

fn service_ok(h: &Hit<'_>) -> bool {
    let key = h.group("key").unwrap_or(b"").to_ascii_lowercase();
    let body = token_body(h);
    let uuid = body.len() == 36 && body.iter().filter(|b| **b == b'-').count() == 4;
    SECRET_WORDS
        .iter()
        .any(|w| key.windows(w.len()).any(|x| x == w.as_bytes()))
        && near_key_ok(h)
        && known_ok(h)
        && (uuid || has_digit_and_letter(body) && entropy(body) >= 3.5)
}

/// The vendor rules, most specific first.
pub const RULES: &[Rule] = &[
    Rule {
        id: "sec.key-store-file",
        message: "PKCS#12 / Java key store committed (it holds a private key)",
        path: Some(r"(?i)\.(?:p12|pfx|jks|keystore)$"),
        path_hints: &[".p12", ".pfx", ".jks", ".keystore"],
        ..KEY_FILE
    },
    Rule {
        id: "sec.ssh-key-file",
        message: "SSH private key file committed",
        path: Some(r"(?:^|/)id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk)$"),
        path_hints: &["id_"],
        ..KEY_FILE
    },
    Rule {
        id: "sec.npmrc-token",
        message: "npm registry credential in .npmrc committed",
        keywords: &["_authtoken", "_auth", "_password"],
        pattern: r"(?i)(?:_authToken|_auth|_password)\s*=\s*(?P<s>[^\s$]{8,})",
        path: Some(r"(?:^|/)\.npmrc$"),
        path_hints: &[".npmrc"],
        check: Some(config_value_ok),
        ..KEY_FILE
    },
    Rule {
        id: "sec.pypirc-password",
        message: "Package index password in .pypirc committed",
        keywords: &["password"],
        pattern: r"(?i)^\s*password\s*[=:]\s*(?P<s>\S{6,})",
        path: Some(r"(?:^|/)\.pypirc$"),
        path_hints: &[".pypirc"],
        check: Some(config_value_ok),
        ..KEY_FILE
    },
    Rule {
        id: "sec.kubeconfig-credential",
        message: "Kubernetes kubeconfig with a user credential committed",
        keywords: &["token:", "client-key-data:", "password:"],
        pattern: r"^\s*(?:-\s+)?(?:token|client-key-data|password)\s*:\s*[\x22']?(?P<s>[A-Za-z0-9+/=._~\-]{12,})",
        langs: Langs::CONFIG.or(Langs::OTHER),
        check: Some(kubeconfig_ok),
        ..KEY_FILE
    },
    // 1Password
    token!(
        "1password-secret-key",
        "1Password account secret key",
        ["a3-"],
        r"A3-",
        r"[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
    ),
    token64!(
        "1password-service-token",
        "1Password service-account token",
        ["ops_eyj"],
        r"ops_eyJ",
        r"[A-Za-z0-9+/]{250,}={0,3}"
    ),
    // Adafruit
    token!(
        "adafruit-io-key",
        "Adafruit IO key",
        ["aio_"],
        r"aio_",
        r"[A-Za-z0-9]{28}"
    ),
    near!(
        "adafruit-key",
        "Adafruit IO key",
        ["adafruit"],
        "adafruit",
        r"[A-Za-z0-9_\-]{32}"
    ),
    // Adobe
    token!(
        "adobe-client-secret",
        "Adobe client secret",
        ["p8e-"],
        r"p8e-",
        r"[A-Za-z0-9]{32}"
    ),
    near!("adobe-client-id", "Adobe client id (find its secret)", ["adobe"], "adobe", r"[a-f0-9]{32}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Airtable
    token!(
        "airtable-pat",
        "Airtable personal access token",
        ["pat"],
        r"pat",
        r"[A-Za-z0-9]{14}\.[a-f0-9]{64}"
    ),
    near!(
        "airtable-key",
        "Airtable API key",
        ["airtable"],
        "airtable",
        r"[A-Za-z0-9]{17}"
    ),
    near!(
        "airtable-oauth-token",
        "Airtable OAuth token",
        ["airtable"],
        "airtable",
        r"[A-Za-z0-9]+\.v1\.[A-Za-z0-9_\-]+\.[a-f0-9]+"
    ),
    // Aikido
    token!(
        "aikido-token",
        "Aikido token",
        ["aik_ci_", "aik_secret_"],
        r"AIK_(?:CI|SECRET)_",
        r"[A-Za-z0-9]{20,64}"
    ),
    // Aiven
    near!(
        "aiven-token",
        "Aiven token",
        ["aiven"],
        "aiven",
        r"[A-Za-z0-9/+=]{372}"
    ),
    // Algolia
    near!(
        "algolia-key",
        "Algolia API key",
        ["algolia"],
        "algolia",
        r"[a-z0-9]{32}"
    ),
    // Alibaba Cloud
    token!(
        "alibaba-access-key-id",
        "Alibaba Cloud access key id",
        ["ltai"],
        r"LTAI",
        r"[A-Za-z0-9]{20}"
    ),
    token!("alibaba-sts-key-id", "Alibaba Cloud STS access key id", ["sts.a", "sts.b", "sts.c", "sts.d", "sts.e", "sts.f", "sts.g", "sts.h", "sts.i", "sts.j", "sts.k", "sts.l", "sts.m", "sts.n", "sts.o", "sts.p", "sts.q", "sts.r", "sts.s", "sts.t", "sts.u", "sts.v", "sts.w", "sts.x", "sts.y", "sts.z", "sts.0", "sts.1", "sts.2", "sts.3", "sts.4", "sts.5", "sts.6", "sts.7", "sts.8", "sts.9"], r"STS\.", r"[A-Za-z0-9]{16,64}",
        check: Some(mixed_ok)),
    near!(
        "alibaba-secret",
        "Alibaba Cloud access key secret",
        ["alibaba", "aliyun"],
        "alibaba|aliyun",
        r"[A-Za-z0-9]{30}"
    ),
    // Amplitude
    near!(
        "amplitude-key",
        "Amplitude secret key",
        ["amplitude"],
        "amplitude",
        r"[a-f0-9]{32}"
    ),
    // Apify
    token!(
        "apify-token",
        "Apify API token",
        ["apify_api_"],
        r"apify_api_",
        r"[A-Za-z0-9]{34,38}"
    ),
    // Artifactory / JFrog
    token!(
        "artifactory-api-key",
        "JFrog Artifactory API key",
        ["akcp"],
        r"AKCp",
        r"[A-Za-z0-9]{69}"
    ),
    token!(
        "artifactory-reference-token",
        "JFrog Artifactory reference token",
        ["cmvmd"],
        r"cmVmd",
        r"[A-Za-z0-9]{59}"
    ),
    near!(
        "jfrog-key",
        "JFrog API key",
        ["jfrog", "artifactory", "bintray", "xray"],
        "jfrog|artifactory|bintray|xray",
        r"[A-Za-z0-9]{73}|[A-Za-z0-9]{64}"
    ),
    // Asaas
    Rule {
        id: "sec.asaas-token",
        message: "Asaas API token committed",
        remediation: ROTATE,
        keywords: &["$aact_"],
        pattern: r"(?:^|[^A-Za-z0-9_$])(?P<s>(?P<p>\$aact_(?:prod|hmlg)_)[A-Za-z0-9_\-]{20,100})(?:[^A-Za-z0-9_\-]|$)",
        ..KNOWN
    },
    // Asana
    near!(
        "asana-secret",
        "Asana client secret or token",
        ["asana"],
        "asana",
        r"[0-9]/[0-9]{16}:[a-f0-9]{32}|2/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}|[a-z0-9]{32}"
    ),
    near!("asana-client-id", "Asana client id (find its secret)", ["asana"], "asana", r"[0-9]{16}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // AssemblyAI
    near!(
        "assemblyai-key",
        "AssemblyAI API key",
        ["assemblyai"],
        "assemblyai",
        r"[a-f0-9]{32}"
    ),
    // Atlassian
    token!(
        "atlassian-api-token",
        "Atlassian API token",
        ["atatt3", "atctt3"],
        r"AT[AC]TT3",
        r"[A-Za-z0-9_\-=]{186}"
    ),
    near!(
        "atlassian-token",
        "Atlassian API token",
        ["atlassian", "confluence", "jira"],
        "atlassian|confluence|jira",
        r"[A-Za-z0-9]{24}"
    ),
    // Authress
    Rule {
        id: "sec.authress-key",
        message: "Authress service client access key committed",
        remediation: ROTATE,
        keywords: &[".acc_", ".acc-"],
        pattern: r"\b(?P<s>(?P<p>(?:sc|ext|scauth|authress)_)[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_\-][A-Za-z0-9\-]{10,32}\.[A-Za-z0-9+/_=\-]{30,120})(?:[^A-Za-z0-9+/_=\-]|$)",
        ..KNOWN
    },
    // AWS
    token64!(
        "aws-bedrock-key",
        "Amazon Bedrock API key",
        ["absk"],
        r"ABSK",
        r"[A-Za-z0-9+/]{109,269}={0,2}"
    ),
    token64!(
        "aws-bedrock-short-key",
        "Amazon Bedrock short-lived API key",
        ["bedrock-api-key-"],
        r"bedrock-api-key-",
        r"YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=&?._\-]{20,}"
    ),
    // The fixed start of a short-lived key (`bedrock.amazonaws.com` in base64) with nothing
    // after it: a key cut off where it was quoted, or a sample. Reported, not failing alone.
    Rule {
        id: "sec.aws-bedrock-short-key-prefix",
        severity: 6.0,
        confidence: 7.5,
        message: "Amazon Bedrock short-lived API key prefix (the key may be cut off here)",
        remediation: "If a key follows where this was copied from, revoke it; if this is a \
                      sample, mark it as one (`wfc:allow sec.aws-bedrock-short-key-prefix`).",
        keywords: &["bedrock-api-key-"],
        pattern: r"\b(?P<s>(?P<p>bedrock-api-key-)YmVkcm9jay5hbWF6b25hd3MuY29t)(?:[^A-Za-z0-9+/%=&?._\-]|$)",
        check: None,
        ..KNOWN
    },
    // Azure
    Rule {
        id: "sec.azure-ad-client-secret",
        message: "Azure AD (Entra ID) client secret committed",
        remediation: ROTATE,
        keywords: &["q~"],
        pattern: r#"(?:^|[\\'"\x60\s>=:(,)\[])(?P<s>[a-zA-Z0-9_~.]{3}[0-9]Q~[a-zA-Z0-9_~.\-]{31,34})(?:$|[\\'"\x60\s<),;\]])"#,
        ..KNOWN
    },
    Rule {
        id: "sec.azure-connection-string",
        message: "Azure connection string with a shared access key committed",
        remediation: ROTATE,
        keywords: &["sharedaccesskey=", "secret="],
        pattern: r"(?i)(?:SharedAccessKey|;Secret)=(?P<s>[A-Za-z0-9+/]{32,100}={0,2})",
        check: Some(mixed_ok),
        ..KNOWN
    },
    near!("azure-devops-pat", "Azure DevOps personal access token", ["azure_devops", "azuredevops", "azure_pat", "azurepat", "ado_pat", "devops_pat", "devops_token", "azure_token", "azuretoken"],
        "azure|ado_pat|devops", r"[A-Za-z0-9]{52}|[A-Za-z0-9]{84}", check: Some(near_mixed_ok)),
    // Beamer
    near!(
        "beamer-token",
        "Beamer API token",
        ["beamer"],
        "beamer",
        r"b_[A-Za-z0-9=_\-]{44}"
    ),
    // Bitbucket
    token!(
        "bitbucket-app-password",
        "Bitbucket app password",
        ["atbb"],
        r"ATBB",
        r"[A-Za-z0-9_=.\-]{32}"
    ),
    near!(
        "bitbucket-secret",
        "Bitbucket client secret",
        ["bitbucket"],
        "bitbucket",
        r"[A-Za-z0-9=_\-]{64}"
    ),
    near!("bitbucket-client-id", "Bitbucket client id (find its secret)", ["bitbucket"], "bitbucket",
        r"[A-Za-z0-9]{32}", severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Bitly, Bitrise, Box, Brave
    near!(
        "bitly-token",
        "Bitly access token",
        ["bitly"],
        "bitly",
        r"[a-f0-9]{40}"
    ),
    near!(
        "bitrise-token",
        "Bitrise access token",
        ["bitrise"],
        "bitrise",
        r"[A-Za-z0-9_\-]{86}|[A-Za-z0-9_\-]{40,64}"
    ),
    near!("box-token", "Box API token", ["box_", "box-", "boxtoken", "boxkey", "boxapi"], r"\bbox(?:[_\-]|token|key|api)",
        r"[A-Za-z0-9]{32}", check: Some(near_mixed_ok)),
    token!("brave-search-key", "Brave Search API key", ["bsa"], r"BSA", r"[A-Za-z0-9_\-]{24,40}", check: Some(mixed_ok)),
    // Bittrex
    near!(
        "bittrex-key",
        "Bittrex API key or secret",
        ["bittrex"],
        "bittrex",
        r"[a-z0-9]{32}"
    ),
    // Buildkite
    token!(
        "buildkite-token",
        "Buildkite token",
        [
            "bkua_", "bkaa_", "bkaj_", "bkar_", "bkct_", "bkpt_", "bkpat_", "bkps_"
        ],
        r"bk(?:ua|aa|aj|ar|ct|pt|pat|ps)_",
        r"[A-Za-z0-9_\-]{40,333}"
    ),
    // Canva
    token!(
        "canva-client-secret",
        "Canva client secret",
        ["cnvca"],
        r"cnvca",
        r"[A-Za-z0-9_\-]{51}"
    ),
    // Cerebras
    token!(
        "cerebras-key",
        "Cerebras API key",
        ["csk-"],
        r"csk-",
        r"[a-z0-9]{48}"
    ),
    // Checkout.com
    near!(
        "checkout-key",
        "Checkout.com secret key",
        [
            "checkout_secret",
            "checkout_key",
            "checkout_sk",
            "checkout_token",
            "checkouttoken",
            "checkoutsecret",
            "checkoutkey",
            "checkout_api"
        ],
        "checkout",
        r"sk_(?:sbox_)?[a-z0-9]{26}|sk_[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
    ),
    // CircleCI
    token!(
        "circleci-pat",
        "CircleCI personal token",
        ["ccipat_"],
        r"CCIPAT_",
        r"[A-Za-z0-9]{22}_[a-f0-9]{40}"
    ),
    near!(
        "circleci-token",
        "CircleCI token",
        ["circleci", "circle_token"],
        "circleci|circle_token",
        r"[a-f0-9]{40}"
    ),
    // Cisco Meraki
    near!(
        "meraki-key",
        "Cisco Meraki API key",
        ["meraki"],
        "meraki",
        r"[0-9a-f]{40}"
    ),
    // Civo
    near!(
        "civo-key",
        "Civo API key",
        ["civo"],
        "civo",
        r"[A-Za-z0-9]{50}"
    ),
    // Clerk
    // ClickHouse
    token!(
        "clickhouse-key",
        "ClickHouse Cloud API secret",
        ["4b1d"],
        r"4b1d",
        r"[A-Za-z0-9]{38}"
    ),
    // ClickUp
    near!(
        "clickup-token",
        "ClickUp personal API token",
        ["clickup"],
        "clickup",
        r"pk_[0-9]{6,9}_[A-Z0-9]{32}"
    ),
    // Clojars
    token!(
        "clojars-token",
        "Clojars deploy token",
        ["clojars_"],
        r"CLOJARS_",
        r"[a-z0-9]{60}"
    ),
    // Cloudflare
    token!(
        "cloudflare-origin-ca-key",
        "Cloudflare origin CA key",
        ["v1.0-"],
        r"v1\.0-",
        r"[a-f0-9]{24}-[a-f0-9]{146}"
    ),
    near!(
        "cloudflare-key",
        "Cloudflare API key or token",
        ["cloudflare", "cf_api"],
        "cloudflare|cf_api",
        r"[A-Za-z0-9_\-]{40}|[a-f0-9]{37}"
    ),
    // Cloudinary
    Rule {
        id: "sec.cloudinary-url",
        message: "Cloudinary URL with an API secret committed",
        remediation: ROTATE,
        keywords: &["cloudinary://"],
        pattern: r"cloudinary://[0-9]{10,20}:(?P<s>[A-Za-z0-9_\-]{20,40})@",
        ..KNOWN
    },
    near!("cloudinary-secret", "Cloudinary API secret", ["cloudinary"], "cloudinary", r"[A-Za-z0-9_\-]{27}|[A-Za-z0-9]{32}",
        check: Some(near_mixed_ok)),
    // Cloudsmith, CockroachDB
    token!(
        "cloudsmith-key",
        "Cloudsmith API key",
        ["csa_"],
        r"csa_",
        r"[a-f0-9]{30}[A-Za-z0-9]{6}"
    ),
    token!(
        "cockroachdb-key",
        "CockroachDB Cloud API key",
        ["ccdb1_"],
        r"CCDB1_",
        r"[A-Za-z0-9]{22}_[A-Za-z0-9]{40}"
    ),
    // Codecov
    near!(
        "codecov-token",
        "Codecov access token",
        ["codecov"],
        "codecov",
        r"[a-z0-9]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    // Cohere
    near!(
        "cohere-key",
        "Cohere API key",
        ["cohere", "co_api_key"],
        "cohere|co_api_key",
        r"[A-Za-z0-9]{40}"
    ),
    // Coinbase
    near!(
        "coinbase-token",
        "Coinbase access token",
        ["coinbase"],
        "coinbase",
        r"[A-Za-z0-9_\-]{64}"
    ),
    // ConfigCat
    token!(
        "configcat-sdk-key",
        "ConfigCat SDK key",
        ["configcat-sdk-1"],
        r"configcat-sdk-1/",
        r"[A-Za-z0-9_\-]{22}/[A-Za-z0-9_\-]{22}"
    ),
    near!(
        "configcat-key",
        "ConfigCat SDK key",
        ["configcat"],
        "configcat",
        r"[A-Za-z0-9_\-]{22}/[A-Za-z0-9_\-]{22}"
    ),
    // Confluent
    near!(
        "confluent-secret",
        "Confluent API secret",
        ["confluent"],
        "confluent",
        r"[A-Za-z0-9+/]{64}"
    ),
    near!(
        "confluent-key",
        "Confluent API key",
        ["confluent"],
        "confluent",
        r"[A-Za-z0-9]{16}"
    ),
    // Contentful
    token!(
        "contentful-pat",
        "Contentful personal access token",
        ["cfpat-"],
        r"CFPAT-",
        r"[A-Za-z0-9_\-]{43}"
    ),
    near!(
        "contentful-token",
        "Contentful delivery token",
        ["contentful"],
        "contentful",
        r"[A-Za-z0-9=_\-]{43}"
    ),
    // Couchbase
    near!(
        "couchbase-key",
        "Couchbase Capella API secret",
        ["couchbase", "capella"],
        "couchbase|capella",
        r"[A-Za-z0-9+/]{64,}={0,2}"
    ),
    // Coveralls
    near!("coveralls-token", "Coveralls API token", ["coveralls"], "coveralls", r"[A-Za-z0-9\-]{37}|[A-Za-z0-9]{32,33}",
        check: Some(near_mixed_ok)),
    // crates.io
    token!("cratesio-token", "crates.io API token", ["cio"], r"cio", r"[A-Za-z0-9]{32}", check: Some(mixed_ok)),
    // Cursor
    near!(
        "cursor-key",
        "Cursor API key",
        [
            "cursor_api",
            "cursor_key",
            "cursor_token",
            "cursorapi",
            "cursorkey",
            "cursortoken"
        ],
        "cursor",
        r"key_[0-9a-f]{64}"
    ),
    // Databento
    near!(
        "databento-key",
        "Databento API key",
        ["databento"],
        "databento",
        r"db-[A-Za-z0-9]{29}"
    ),
    // Datadog
    near!(
        "datadog-key",
        "Datadog API or application key",
        ["datadog", "dd_api_key", "dd_app_key"],
        "datadog|dd_api_key|dd_app_key|dd_application_key",
        r"[a-z0-9]{40}|[a-f0-9]{32}"
    ),
    // data.gov
    near!(
        "datagov-key",
        "data.gov API key",
        ["data_gov", "data.gov", "datagov"],
        r"data[._]?gov",
        r"[A-Za-z0-9]{40}"
    ),
    // DataStax
    token!(
        "astra-token",
        "DataStax Astra token",
        ["astracs:"],
        r"AstraCS:",
        r"[A-Za-z0-9]{24}:[a-f0-9]{64}|[A-Za-z0-9:]{20,}"
    ),
    // Deepgram, DeepSeek
    near!(
        "deepgram-key",
        "Deepgram API key",
        ["deepgram"],
        "deepgram",
        r"[a-f0-9]{40}"
    ),
    near!(
        "deepseek-key",
        "DeepSeek API key",
        ["deepseek"],
        "deepseek",
        r"sk-[a-f0-9]{32}"
    ),
    // Defined Networking
    token!(
        "defined-networking-token",
        "Defined Networking API token",
        ["dnkey-"],
        r"dnkey-",
        r"[A-Za-z0-9=_\-]{26}-[A-Za-z0-9=_\-]{52}"
    ),
    // Deno
    token!(
        "deno-token",
        "Deno Deploy token",
        ["ddp_", "ddw_"],
        r"dd[pw]_",
        r"[A-Za-z0-9]{36}"
    ),
    // Dependency-Track
    token!(
        "dependency-track-key",
        "Dependency-Track API key",
        ["odt_"],
        r"odt_",
        r"[A-Za-z0-9]{32,255}"
    ),
    // DevCycle, Devin
    token!(
        "devcycle-key",
        "DevCycle server SDK key",
        ["dvc_server_"],
        r"dvc_server_",
        r"[A-Za-z0-9_\-]{8,64}"
    ),
    token!("devcycle-client-key", "DevCycle client SDK key (public)", ["dvc_client_", "dvc_mobile_"],
        r"dvc_(?:client|mobile)_", r"[A-Za-z0-9_\-]{8,64}", severity: ID, confidence: ID_CONFIDENCE),
    token64!(
        "devin-key",
        "Devin API key",
        ["apk_user_", "apk_"],
        r"apk_(?:user_)?",
        r"[A-Za-z0-9+/]{80,180}={0,2}"
    ),
    token!(
        "devin-user-token",
        "Devin service user token",
        ["cog_"],
        r"cog_",
        r"[a-z2-7]{52}"
    ),
    // DigitalOcean (beyond secrets.rs): none. Discord
    Rule {
        id: "sec.discord-webhook",
        message: "Discord webhook URL committed",
        remediation: ROTATE,
        keywords: &["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
        pattern: r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/(?P<s>[A-Za-z0-9_\-]{60,68})",
        ..KNOWN
    },
    near!(
        "discord-bot-token",
        "Discord bot token",
        ["discord"],
        "discord",
        r"[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}"
    ),
    near!(
        "discord-secret",
        "Discord client secret or token",
        ["discord"],
        "discord",
        r"[a-f0-9]{64}|[A-Za-z0-9=_\-]{32}"
    ),
    near!("discord-client-id", "Discord client id (find its secret)", ["discord"], "discord", r"[0-9]{17,19}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Docker
    token!(
        "docker-swarm-join-token",
        "Docker swarm join token",
        ["swmtkn-1-"],
        r"SWMTKN-1-",
        r"[a-z0-9]{50,60}-[a-z0-9]{24,30}"
    ),
    token64!(
        "docker-swarm-unlock-key",
        "Docker swarm unlock key",
        ["swmkey-1-"],
        r"SWMKEY-1-",
        r"[A-Za-z0-9+/]{40,50}"
    ),
    token!(
        "dockerhub-token",
        "Docker Hub access token",
        ["dckr_pat_", "dckr_oat_"],
        r"dckr_(?:pat|oat)_",
        r"[A-Za-z0-9_\-]{27,32}"
    ),
    // Doppler
    token!(
        "doppler-token",
        "Doppler token",
        [
            "dp.pt.",
            "dp.st.",
            "dp.sa.",
            "dp.ct.",
            "dp.scim.",
            "dp.audit."
        ],
        r"dp\.(?:pt|st|sa|ct|scim|audit)\.",
        r"[A-Za-z0-9]{40,44}"
    ),
    // Drone CI
    near!(
        "droneci-token",
        "Drone CI access token",
        ["droneci", "drone_token"],
        "droneci|drone_token",
        r"[A-Za-z0-9]{32}"
    ),
    // Dropbox
    near!("dropbox-long-token", "Dropbox long-lived API token", ["dropbox"], "dropbox",
        r"[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9\-_=]{43}", check: Some(near_runs_ok)),
    near!(
        "dropbox-short-token",
        "Dropbox short-lived API token",
        ["dropbox"],
        "dropbox",
        r"sl\.[A-Za-z0-9\-=_]{130,}"
    ),
    near!(
        "dropbox-key",
        "Dropbox API key",
        ["dropbox"],
        "dropbox",
        r"[a-z0-9]{15}"
    ),
    // Duffel
    token!(
        "duffel-token",
        "Duffel API token",
        ["duffel_test_", "duffel_live_"],
        r"duffel_(?:test|live)_",
        r"[A-Za-z0-9_\-=]{43}"
    ),
    // Dynatrace
    token!(
        "dynatrace-token",
        "Dynatrace API token",
        ["dt0c", "dt0s"],
        r"dt0[cs][0-9]{2}\.",
        r"[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}"
    ),
    // EasyPost
    token!(
        "easypost-key",
        "EasyPost API key",
        ["ezak", "eztk"],
        r"EZ[AT]K",
        r"[A-Za-z0-9]{54}"
    ),
    // eBay
    near!(
        "ebay-secret",
        "eBay client secret",
        ["ebay"],
        "ebay",
        r"PRD-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}"
    ),
    // Elastic, ElevenLabs
    token!(
        "elastic-cloud-key",
        "Elastic Cloud API key",
        ["essu_"],
        r"essu_",
        r"[A-Za-z0-9_\-]{60,200}={0,2}"
    ),
    near!(
        "elevenlabs-key",
        "ElevenLabs API key",
        ["elevenlabs", "xi-api-key", "xi_api_key"],
        r"elevenlabs|xi[_\-]api[_\-]key",
        r"sk_[0-9a-f]{48}|[a-f0-9]{32}"
    ),
    // Endor Labs
    Rule {
        id: "sec.endorlabs-key",
        message: "Endor Labs API key committed",
        remediation: ROTATE,
        keywords: &["endr+"],
        pattern: r"\b(?P<s>(?P<p>endr\+)[A-Za-z0-9\-]{16})(?:[^A-Za-z0-9\-]|$)",
        ..KNOWN
    },
    // Etsy
    near!(
        "etsy-token",
        "Etsy access token",
        ["etsy"],
        "etsy",
        r"[a-z0-9]{24}(?::[a-z0-9]{10,64})?"
    ),
    // Exoscale
    token!("exoscale-key", "Exoscale API key", ["exo"], r"EXO", r"[a-f0-9]{24}", check: Some(mixed_ok)),
    near!(
        "exoscale-secret",
        "Exoscale API secret",
        ["exoscale"],
        "exoscale",
        r"[A-Za-z0-9_\-]{43}"
    ),
    // Facebook / Meta
    token!(
        "facebook-page-token",
        "Facebook (Meta) access token",
        ["eaam", "eaac", "eaag"],
        r"EAA[MCG]",
        r"[A-Za-z0-9]{100,}"
    ),
    near!(
        "facebook-app-token",
        "Facebook app access token",
        ["facebook", "fb_"],
        r"facebook|\bfb_",
        r"[0-9]{15,16}(?:\||%7C)[0-9A-Za-z\-_]{27,40}"
    ),
    near!(
        "facebook-secret",
        "Facebook app secret",
        ["facebook", "fb_"],
        r"facebook|\bfb_",
        r"[a-f0-9]{32}"
    ),
    // Fastly
    near!(
        "fastly-token",
        "Fastly API token",
        ["fastly"],
        "fastly",
        r"[A-Za-z0-9=_\-]{32}"
    ),
    // Figma
    token!(
        "figma-pat",
        "Figma personal access token",
        ["figd_"],
        r"figd_",
        r"[A-Za-z0-9_\-]{38,42}"
    ),
    near!(
        "figma-header-token",
        "Figma personal access token",
        ["figma"],
        "figma",
        r"[0-9a-f]{4}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    // Finicity, Finnhub, Flickr
    near!(
        "finicity-token",
        "Finicity API token or secret",
        ["finicity"],
        "finicity",
        r"[a-f0-9]{32}|[a-z0-9]{20}"
    ),
    near!(
        "finnhub-token",
        "Finnhub access token",
        ["finnhub"],
        "finnhub",
        r"[a-z0-9]{20}"
    ),
    near!(
        "flickr-token",
        "Flickr access token",
        ["flickr"],
        "flickr",
        r"[a-z0-9]{32}"
    ),
    // Flexport
    token!(
        "flexport-key",
        "Flexport API key",
        ["shltm_"],
        r"shltm_",
        r"[0-9A-Za-z_\-]{40}"
    ),
    // Flutterwave
    token!(
        "flutterwave-secret",
        "Flutterwave secret key",
        ["flwseck"],
        r"FLWSECK(?:_TEST)?-",
        r"[a-h0-9]{32}-X"
    ),
    token!(
        "flutterwave-encryption-key",
        "Flutterwave encryption key",
        ["flwseck"],
        r"FLWSECK(?:_TEST)?-?",
        r"[a-h0-9]{12}"
    ),
    token!("flutterwave-public-key", "Flutterwave public key (find its secret)", ["flwpubk"],
        r"FLWPUBK(?:_TEST)?-", r"[a-h0-9]{32}-X", severity: ID, confidence: ID_CONFIDENCE),
    // Fly.io: `FlyV1 ` and the token's macaroons, separated by commas.
    token64!(
        "flyio-header-token",
        "Fly.io access token",
        ["flyv1 "],
        r"FlyV1 ",
        r"[A-Za-z0-9+/_\-=,]{100,}"
    ),
    token64!(
        "flyio-token",
        "Fly.io access token",
        ["fo1_", "fm1a_", "fm1r_", "fm2_"],
        r"(?:fo1_|fm1[ar]_|fm2_)",
        r"[A-Za-z0-9+/_\-]{43,}={0,3}"
    ),
    // Frame.io
    token!(
        "frameio-token",
        "Frame.io API token",
        ["fio-u-"],
        r"fio-u-",
        r"[A-Za-z0-9\-_=]{64}"
    ),
    // Freemius
    Rule {
        id: "sec.freemius-secret",
        message: "Freemius secret key committed",
        remediation: ROTATE,
        keywords: &["secret_key"],
        pattern: r#"(?i)["']secret_key["']\s*=>\s*["'](?P<s>(?P<p>sk_)[^\s"']{29})["']"#,
        ..KNOWN
    },
    // FreshBooks
    near!(
        "freshbooks-token",
        "FreshBooks access token",
        ["freshbooks"],
        "freshbooks",
        r"[a-z0-9]{64}"
    ),
    // FullStory
    near!(
        "fullstory-key",
        "FullStory API key",
        ["fullstory", "fs_api"],
        "fullstory|fs_api",
        r"(?:na1|eu1)\.[A-Za-z0-9+/=]{20,}"
    ),
    // Google Gemini
    token!(
        "gemini-key",
        "Google Gemini API key",
        ["aq.ab8rn6"],
        r"AQ\.Ab8RN6",
        r"[A-Za-z0-9_\-]{44}"
    ),
    // GitLab tokens beyond secrets.rs
    token!(
        "gitlab-runner-registration-token",
        "GitLab runner registration token",
        ["gr1348941"],
        r"GR1348941",
        r"[A-Za-z0-9_\-]{20}"
    ),
    token!(
        "gitlab-session-cookie",
        "GitLab session cookie",
        ["_gitlab_session="],
        r"_gitlab_session=",
        r"[0-9a-z]{32}"
    ),
    // Stripe (beyond secrets.rs): webhook signing secrets; publishable keys are public.
    token!(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        ["whsec_"],
        r"whsec_",
        r"[A-Za-z0-9+/]{32,64}"
    ),
    token!("stripe-publishable-key", "Stripe publishable key (public; find its secret key)", ["pk_live_"],
        r"pk_live_", r"[0-9A-Za-z]{24,247}", severity: ID, confidence: ID_CONFIDENCE),
    // Google OAuth access tokens (short-lived, still a bearer credential for an hour).
    token!(
        "google-oauth-access-token",
        "Google OAuth access token",
        ["ya29."],
        r"ya29\.",
        r"[0-9A-Za-z_\-]{30,}"
    ),
    // AWS temporary credentials: the session token's fixed header.
    token64!(
        "aws-session-token",
        "AWS session token",
        ["fwogzxivyxdz", "iqojb3jpz2lux2vj"],
        r"(?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj)",
        r"[A-Za-z0-9/+=]{100,}"
    ),
    // Tencent Cloud
    token!("tencent-secret-id", "Tencent Cloud SecretId", ["akid"], r"AKID", r"[A-Za-z0-9]{32}", check: Some(mixed_ok)),
    // Instagram
    token!(
        "instagram-token",
        "Instagram access token",
        ["igqv"],
        r"IGQV",
        r"[A-Za-z0-9_\-]{100,}"
    ),
    // GitHub OAuth app secrets and legacy 40-hex tokens, in a key that names GitHub and a secret.
    near!("github-legacy-secret", "GitHub OAuth client secret or legacy token",
        ["github_token", "github_secret", "github_client_secret", "github_oauth", "github_api", "githubtoken", "githubsecret", "githubclientsecret", "github-token", "github-secret"], "github",
        r"[a-f0-9]{40}", check: Some(secret_key_ok)),
    // Gitea
    near!(
        "gitea-token",
        "Gitea access token",
        ["gitea"],
        "gitea",
        r"[a-f0-9]{40}"
    ),
    // Gitter
    near!(
        "gitter-token",
        "Gitter access token",
        ["gitter"],
        "gitter",
        r"[A-Za-z0-9_\-]{40}"
    ),
    // GoCardless
    near!("gocardless-token", "GoCardless API token", ["gocardless"], "gocardless",
        r"(?:live|sandbox)_[A-Za-z0-9\-_=]{40}", check: Some(near_prefixed_ok)),
    // Grafana
    token!(
        "grafana-api-key",
        "Grafana API key",
        ["eyjrijoi"],
        r"eyJrIjoi",
        r"[A-Za-z0-9]{70,400}={0,3}"
    ),
    token64!(
        "grafana-cloud-token",
        "Grafana Cloud API token",
        ["glc_"],
        r"glc_",
        r"[A-Za-z0-9+/]{32,400}={0,3}"
    ),
    token!(
        "grafana-service-account-token",
        "Grafana service-account token",
        ["glsa_"],
        r"glsa_",
        r"[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
    ),
    // Greptile, Groq, Gumroad
    near!(
        "greptile-key",
        "Greptile API key",
        ["greptile"],
        "greptile",
        r"[A-Za-z0-9+/]{48}"
    ),
    token!(
        "groq-key",
        "Groq API key",
        ["gsk_"],
        r"gsk_",
        r"[A-Za-z0-9]{52}"
    ),
    near!(
        "gumroad-token",
        "Gumroad access token",
        ["gumroad"],
        "gumroad",
        r"[a-f0-9]{64}|[A-Za-z0-9\-]{43}"
    ),
    // Harness
    token!(
        "harness-key",
        "Harness API key",
        ["pat.", "sat."],
        r"(?:pat|sat)\.",
        r"[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}"
    ),
    // HashiCorp
    Rule {
        id: "sec.terraform-token",
        message: "Terraform Cloud / HCP API token committed",
        remediation: ROTATE,
        keywords: &["atlasv1"],
        pattern: r"\b(?P<s>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9\-_=]{60,70})(?:[^A-Za-z0-9\-_=]|$)",
        ..KNOWN
    },
    token!(
        "vault-service-token",
        "HashiCorp Vault service token",
        ["hvs."],
        r"hvs\.",
        r"[A-Za-z0-9_\-]{90,120}"
    ),
    token!(
        "vault-batch-token",
        "HashiCorp Vault batch token",
        ["hvb."],
        r"hvb\.",
        r"[A-Za-z0-9_\-]{138,300}"
    ),
    token!(
        "vault-recovery-token",
        "HashiCorp Vault recovery token",
        ["hvr."],
        r"hvr\.",
        r"[A-Za-z0-9_\-]{90,120}"
    ),
    near!("vault-legacy-token", "HashiCorp Vault token", ["vault"], "vault", r"s\.[A-Za-z0-9]{24}",
        check: Some(vault_legacy_ok)),
    // Heroku
    token!(
        "heroku-key",
        "Heroku API key",
        ["hrku-"],
        r"HRKU-",
        r"AA[0-9A-Za-z_\-]{58}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    near!(
        "heroku-legacy-key",
        "Heroku API key",
        ["heroku"],
        "heroku",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    // Highnote
    // Honeycomb
    near!("honeycomb-key", "Honeycomb API key", ["honeycomb"], "honeycomb", r"hc[a-z]{2}_[A-Za-z0-9]{58}|[a-f0-9]{32}|[A-Za-z0-9]{22}",
        check: Some(near_mixed_ok)),
    // HubSpot
    token!(
        "hubspot-pat",
        "HubSpot private app token",
        ["pat-na1-", "pat-eu1-"],
        r"pat-(?:na|eu)1-",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    near!(
        "hubspot-key",
        "HubSpot API key",
        ["hubspot"],
        "hubspot",
        r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    ),
    // IBM
    near!("ibm-cloud-key", "IBM Cloud API key", ["ibm"], r"\bibm(?:cloud)?|\bbx_", r"[A-Za-z0-9_\-]{44}", check: Some(near_mixed_ok)),
    // InfluxDB, Infomaniak, Infracost
    near!(
        "influxdb-token",
        "InfluxDB API token",
        [
            "influxdb",
            "influx_token",
            "influxtoken",
            "influx_api",
            "influx-token"
        ],
        "influx",
        r"[A-Za-z0-9_\-]{86}=="
    ),
    near!(
        "infomaniak-token",
        "Infomaniak API token",
        ["infomaniak"],
        "infomaniak",
        r"[A-Za-z0-9_\-]{60,100}"
    ),
    token!(
        "infracost-token",
        "Infracost API token",
        ["ico-"],
        r"ico-",
        r"[A-Za-z0-9]{32}"
    ),
    // Intercom
    near!(
        "intercom-token",
        "Intercom access token",
        ["intercom"],
        "intercom",
        r"[A-Za-z0-9=_\-]{60}"
    ),
    // 42 Intra
    token!(
        "intra42-secret",
        "42 Intra client secret",
        ["s-s4t2ud-", "s-s4t2af-"],
        r"s-s4t2(?:ud|af)-",
        r"[a-f0-9]{64}"
    ),
    // Ionic
    token!(
        "ionic-token",
        "Ionic personal access token",
        ["ion_"],
        r"ion_",
        r"[A-Za-z0-9]{42}"
    ),
    // JumpCloud
    near!(
        "jumpcloud-key",
        "JumpCloud API key",
        ["jumpcloud"],
        "jumpcloud",
        r"[a-z0-9]{40}"
    ),
    // JWT: only a shape. Many are fixtures, expired sessions or public examples; it is reported
    // (the excerpt is masked) but does not fail a review alone (R = 6.4).
    Rule {
        id: "sec.jwt",
        severity: 8.0,
        confidence: 8.0,
        message: "JSON Web Token committed (a bearer credential unless it is a fixture)",
        remediation: "Remove the token; if it was issued by a live service, revoke it or wait for \
                      its expiry and rotate the signing key if it was a long-lived one.",
        keywords: &["eyj"],
        pattern: r"\b(?P<s>(?P<p>ey[A-Za-z0-9]{17,}\.)ey[A-Za-z0-9_\-]{17,}\.[A-Za-z0-9_\-]{10,}={0,2})(?:[^A-Za-z0-9_\-=]|$)",
        check: Some(jwt_ok),
        ..KNOWN
    },
    // Kagi, Kimi
    near!(
        "kagi-key",
        "Kagi API key",
        ["kagi"],
        "kagi",
        r"[A-Za-z0-9_\-]{11}\.[A-Za-z0-9_\-]{43}"
    ),
    near!(
        "kimi-key",
        "Moonshot (Kimi) API key",
        ["kimi", "moonshot"],
        "kimi|moonshot",
        r"sk-[A-Za-z0-9_\-]{48}"
    ),
    // Klaviyo
    near!(
        "klaviyo-key",
        "Klaviyo private API key",
        ["klaviyo"],
        "klaviyo",
        r"pk_[A-Za-z0-9]{34}"
    ),
    // Kraken
    near!(
        "kraken-token",
        "Kraken API secret",
        ["kraken"],
        "kraken",
        r"[A-Za-z0-9/=_+\-]{80,90}"
    ),
    // KuCoin
    near!(
        "kucoin-secret",
        "KuCoin API secret",
        ["kucoin"],
        "kucoin",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-f0-9]{24}"
    ),
    // LangSmith
    token!(
        "langsmith-key",
        "LangSmith API key",
        ["lsv2_pt_", "lsv2_sk_"],
        r"lsv2_(?:pt|sk)_",
        r"[0-9a-fA-F]{32}_[0-9a-fA-F]{10}"
    ),
    // Lark
    near!(
        "lark-secret",
        "Lark app secret",
        ["lark"],
        r"\blark",
        r"[A-Za-z0-9]{32}"
    ),
    // LaunchDarkly
    token!(
        "launchdarkly-sdk-key",
        "LaunchDarkly SDK key",
        ["sdk-"],
        r"sdk-",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    near!(
        "launchdarkly-token",
        "LaunchDarkly access token",
        ["launchdarkly"],
        "launchdarkly",
        r"[A-Za-z0-9=_\-]{40}"
    ),
    // Lichess, LightOn
    token!(
        "lichess-token",
        "Lichess personal access token",
        ["lip_"],
        r"lip_",
        r"[A-Za-z0-9_]{16,60}"
    ),
    near!(
        "lighton-key",
        "LightOn Paradigm API key",
        ["lighton"],
        "lighton",
        r"[A-Za-z0-9_\-]{40,80}"
    ),
    // Linear
    token!(
        "linear-key",
        "Linear API key",
        ["lin_api_"],
        r"lin_api_",
        r"[A-Za-z0-9]{40}"
    ),
    token!(
        "linear-oauth-token",
        "Linear OAuth token",
        ["lin_oauth_"],
        r"lin_oauth_",
        r"[A-Za-z0-9]{40,64}"
    ),
    near!(
        "linear-secret",
        "Linear client secret",
        [
            "linear_client",
            "linear_secret",
            "linear_token",
            "linear_api",
            "linearclient",
            "linearsecret",
            "lineartoken",
            "linearapi",
            "linear-client",
            "linear-secret"
        ],
        r"\blinear",
        r"[a-f0-9]{32}"
    ),
    // LinkedIn
    near!(
        "linkedin-secret",
        "LinkedIn client secret",
        ["linkedin", "linked_in", "linked-in"],
        r"linked[_\-]?in",
        r"WPL_AP1\.[A-Za-z0-9]{16}\.[A-Za-z0-9+/=]{8,}|[A-Za-z0-9]{16}"
    ),
    near!("linkedin-client-id", "LinkedIn client id (find its secret)", ["linkedin", "linked_in", "linked-in"],
        r"linked[_\-]?in", r"[A-Za-z0-9]{14}", severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Lob
    near!(
        "lob-key",
        "Lob API key",
        ["lob_", "lob-", "lobkey", "lobtoken", "lobapi", "lobsecret"],
        r"\blob",
        r"(?P<p>(?:live|test)_)[a-f0-9]{35}"
    ),
    near!("lob-pub-key", "Lob publishable key (find its secret)", ["lob_", "lob-", "lobkey", "lobtoken", "lobapi", "lobpub"], r"\blob", r"(?P<p>(?:live|test)_pub_)[a-f0-9]{31}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Looker
    near!(
        "looker-secret",
        "Looker client secret",
        ["looker"],
        "looker",
        r"[A-Za-z0-9]{24}"
    ),
    near!("looker-client-id", "Looker client id (find its secret)", ["looker"], "looker", r"[A-Za-z0-9]{20}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Mailchimp
    near!(
        "mailchimp-key",
        "Mailchimp API key",
        ["mailchimp"],
        "mailchimp",
        r"[a-f0-9]{32}-us[0-9]{1,2}"
    ),
    token!("mailchimp-transactional-key", "Mailchimp Transactional (Mandrill) key", ["md-"], r"md-", r"[A-Za-z0-9_\-]{22}",
        check: Some(mixed_ok)),
    // MailerSend
    token!(
        "mailersend-token",
        "MailerSend API token",
        ["mlsn."],
        r"mlsn\.",
        r"[A-Za-z0-9]{30,100}"
    ),
    // Mailgun
    near!(
        "mailgun-key",
        "Mailgun API key",
        ["mailgun"],
        "mailgun",
        r"(?P<p>key-)[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}|[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"
    ),
    near!("mailgun-pub-key", "Mailgun public validation key", ["mailgun"], "mailgun", r"(?P<p>pubkey-)[a-f0-9]{32}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Mapbox
    token!(
        "mapbox-secret-token",
        "Mapbox secret token",
        ["sk.eyj"],
        r"sk\.eyJ",
        r"[A-Za-z0-9]{56,}\.[A-Za-z0-9_\-]{22}"
    ),
    near!("mapbox-token", "Mapbox access token", ["mapbox"], "mapbox", r"pk\.[A-Za-z0-9]{60}\.[A-Za-z0-9]{22}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Mattermost
    near!(
        "mattermost-token",
        "Mattermost access token",
        ["mattermost"],
        "mattermost",
        r"[a-z0-9]{26}"
    ),
    // MaxMind
    Rule {
        id: "sec.maxmind-key",
        message: "MaxMind license key committed",
        remediation: ROTATE,
        keywords: &["_mmk"],
        pattern: r"\b(?P<s>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?:[^A-Za-z0-9_]|$)",
        ..KNOWN
    },
    // Mercury, Mergify
    token!(
        "mercury-token",
        "Mercury API token",
        ["mercury_production_"],
        r"mercury_production_",
        r"[a-z]{3,6}_[A-Za-z0-9]{40,50}_yrucrem"
    ),
    token!(
        "mergify-key",
        "Mergify application key",
        ["mergify_application_key_"],
        r"mergify_application_key_",
        r"[A-Za-z0-9_\-]{40,200}"
    ),
    // MessageBird
    near!(
        "messagebird-token",
        "MessageBird API token",
        ["messagebird", "message_bird", "message-bird"],
        r"message[_\-]?bird",
        r"[A-Za-z0-9]{25}"
    ),
    near!("messagebird-client-id", "MessageBird client id (find its key)", ["messagebird", "message_bird", "message-bird"],
        r"message[_\-]?bird", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Microsoft Teams
    Rule {
        id: "sec.teams-webhook",
        message: "Microsoft Teams incoming-webhook URL committed",
        remediation: ROTATE,
        keywords: &["webhook.office.com", "/webhookb2/"],
        pattern: r"(?i)https://[a-z0-9\-]+\.webhook\.office\.com/webhookb2/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}@[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}/IncomingWebhook/(?P<s>[a-z0-9]{32})/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}",
        severity: 9.0,
        ..KNOWN
    },
    // Midtrans, MiniMax, Mistral
    near!(
        "midtrans-key",
        "Midtrans server key",
        ["midtrans", "mid-server-", "mid-client-"],
        "midtrans|mid",
        r"Mid-(?:server|client)-[A-Za-z0-9_]{10,24}"
    ),
    token!(
        "minimax-key",
        "MiniMax API key",
        ["sk-api-"],
        r"sk-api-",
        r"[A-Za-z0-9_\-]{100,130}"
    ),
    near!(
        "mistral-key",
        "Mistral API key",
        ["mistral"],
        "mistral",
        r"[A-Za-z0-9]{32}"
    ),
    // MongoDB
    token!(
        "mongodb-atlas-secret",
        "MongoDB Atlas service-account secret",
        ["mdb_sa_sk_"],
        r"mdb_sa_sk_",
        r"[A-Za-z0-9_\-]{40}"
    ),
    // Neon
    token!(
        "neon-key",
        "Neon API key",
        ["napi_"],
        r"napi_",
        r"[A-Za-z0-9]{64}"
    ),
    // Netlify
    token!(
        "netlify-pat",
        "Netlify personal access token",
        ["nfp_", "nfc_", "nfo_", "nfu_", "nfb_"],
        r"nf[pcoub]_",
        r"[A-Za-z0-9]{36,40}"
    ),
    near!(
        "netlify-token",
        "Netlify access token",
        ["netlify"],
        "netlify",
        r"[A-Za-z0-9=_\-]{40,46}"
    ),
    // New Relic
    token!(
        "newrelic-user-key",
        "New Relic user API key",
        ["nrak-"],
        r"NRAK-",
        r"[A-Za-z0-9]{27}"
    ),
    token!(
        "newrelic-insert-key",
        "New Relic insert key",
        ["nrii-"],
        r"NRII-",
        r"[A-Za-z0-9\-]{32}"
    ),
    Rule {
        id: "sec.newrelic-license-key",
        message: "New Relic license key committed",
        remediation: ROTATE,
        keywords: &["nral"],
        pattern: r"\b(?P<s>[a-f0-9]{36}NRAL)(?:[^A-Za-z0-9_\-]|$)",
        check: Some(mixed_ok),
        ..KNOWN
    },
    token!("newrelic-browser-key", "New Relic browser API key (public)", ["nrjs-"], r"NRJS-", r"[a-f0-9]{19}",
        severity: ID, confidence: ID_CONFIDENCE),
    near!(
        "newrelic-key",
        "New Relic API key",
        ["new-relic", "newrelic", "new_relic"],
        r"new[_\-]?relic",
        r"[A-Za-z0-9]{64}"
    ),
    // Notion
    token!(
        "notion-token",
        "Notion API token",
        ["ntn_"],
        r"ntn_",
        r"[0-9]{11}[A-Za-z0-9]{35}"
    ),
    token!("notion-legacy-token", "Notion integration token", ["secret_"], r"secret_", r"[A-Za-z0-9]{43}", check: Some(mixed_ok)),
    // NuGet
    token!(
        "nuget-key",
        "NuGet API key",
        ["oy2"],
        r"oy2",
        r"[a-z0-9]{43}"
    ),
    Rule {
        id: "sec.nuget-config-password",
        message: "Password in a NuGet configuration committed",
        remediation: ROTATE,
        keywords: &["password"],
        pattern: r#"(?i)<add\s+key="(?:ClearText)?Password"\s+value="(?P<s>[^"]{8,})"\s*/>"#,
        check: Some(known_ok),
        confidence: 9.0,
        ..KNOWN
    },
    // NVIDIA
    token!(
        "nvidia-key",
        "NVIDIA API key",
        ["nvapi-"],
        r"nvapi-",
        r"[A-Za-z0-9_\-]{60,70}"
    ),
    // NY Times
    near!(
        "nytimes-token",
        "New York Times API key",
        ["nytimes", "new-york-times", "newyorktimes"],
        r"nytimes|new-york-times|newyorktimes",
        r"[A-Za-z0-9=_\-]{32}"
    ),
    // Octopus Deploy
    token!("octopus-deploy-key", "Octopus Deploy API key", ["api-"], r"API-", r"[A-Z0-9]{26}", check: Some(mixed_upper_ok)),
    // Okta
    near!(
        "okta-token",
        "Okta API token",
        ["okta", "ssws"],
        "okta|ssws",
        r"00[A-Za-z0-9=_\-]{40}"
    ),
    // Ollama
    near!(
        "ollama-key",
        "Ollama API key",
        ["ollama"],
        "ollama",
        r"[a-f0-9]{32}\.[A-Za-z0-9_\-]{24}"
    ),
    // OneSignal, Onfido
    token!(
        "onesignal-key",
        "OneSignal API key",
        ["os_v2_app_", "os_v2_org_"],
        r"os_v2_(?:app|org)_",
        r"[a-z2-7]{103}"
    ),
    token!(
        "onfido-token",
        "Onfido live API token",
        ["api_live"],
        r"api_live(?:_ca|_us)?\.",
        r"[A-Za-z0-9_\-]{20,80}"
    ),
    // OpenRouter, OpenShift
    token!(
        "openrouter-key",
        "OpenRouter API key",
        ["sk-or-v1-"],
        r"sk-or-v1-",
        r"[0-9a-f]{64}"
    ),
    Rule {
        id: "sec.openshift-token",
        message: "OpenShift user token committed",
        remediation: ROTATE,
        keywords: &["sha256~"],
        pattern: r"\b(?P<s>(?P<p>sha256~)[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        ..KNOWN
    },
    // OpenWeather
    near!(
        "openweather-key",
        "OpenWeather API key",
        ["openweather", "pyowm"],
        "openweather|pyowm",
        r"[a-f0-9]{32}"
    ),
    // OVH: an application's secret, and the consumer key a user granted it (its key is the
    // application's public name)
    near!(
        "ovh-secret",
        "OVH API application secret or consumer key",
        ["ovh"],
        r"ovh[_.\-]?(?:app(?:lication)?[_.\-]?secret|consumer[_.\-]?key)",
        r"[A-Za-z0-9]{32}"
    ),
    // Paddle, Pagar.me
    token!(
        "paddle-key",
        "Paddle live API key",
        ["pdl_live_apikey_", "pdl_sdbx_apikey_"],
        r"pdl_(?:live|sdbx)_apikey_",
        r"[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}"
    ),
    token!(
        "pagarme-key",
        "Pagar.me API key",
        ["ak_live_"],
        r"ak_live_",
        r"[A-Za-z0-9]{30}"
    ),
    // PayPal / Braintree
    token!(
        "braintree-token",
        "Braintree access token",
        ["access_token$production$"],
        r"access_token\$production\$",
        r"[0-9a-z]{16}\$[0-9a-f]{32}"
    ),
    near!(
        "paypal-secret",
        "PayPal OAuth secret",
        ["paypal"],
        "paypal",
        r"E[A-Za-z0-9_\-]{79}"
    ),
    // Perplexity
    token!(
        "perplexity-key",
        "Perplexity API key",
        ["pplx-"],
        r"pplx-",
        r"[A-Za-z0-9]{48}"
    ),
    // Persona
    token!(
        "persona-key",
        "Persona production API key",
        ["persona_production_"],
        r"persona_production_",
        r"[a-z0-9_\-]{20,80}"
    ),
    // Pinecone, Pinterest
    token!(
        "pinecone-key",
        "Pinecone API key",
        ["pcsk_"],
        r"pcsk_",
        r"[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}"
    ),
    near!(
        "pinecone-legacy-key",
        "Pinecone API key",
        ["pinecone"],
        "pinecone",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    token!(
        "pinterest-token",
        "Pinterest access token",
        ["pina_"],
        r"pina_",
        r"[A-Za-z0-9_\-]{20,200}"
    ),
    // Plaid
    near!(
        "plaid-token",
        "Plaid access token",
        ["plaid"],
        "plaid",
        r"access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    near!(
        "plaid-secret",
        "Plaid secret",
        ["plaid"],
        "plaid",
        r"[a-z0-9]{30}"
    ),
    near!("plaid-client-id", "Plaid client id (find its secret)", ["plaid"], "plaid", r"[a-z0-9]{24}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // PlanetScale
    token!(
        "planetscale-token",
        "PlanetScale token or password",
        ["pscale_tkn_", "pscale_oauth_", "pscale_pw_"],
        r"pscale_(?:tkn|oauth|pw)_",
        r"[A-Za-z0-9=._\-]{32,64}"
    ),
    // Plivo
    near!(
        "plivo-token",
        "Plivo auth token",
        ["plivo"],
        "plivo",
        r"[A-Za-z0-9_\-]{40}"
    ),
    // Polar
    token!(
        "polar-token",
        "Polar access token",
        ["polar_at_", "polar_oat_", "polar_pat_"],
        r"polar_(?:at|oat|pat)_",
        r"[A-Za-z0-9_\-]{20,100}"
    ),
    // Polymarket (CLOB API credentials: the secret and the passphrase; the key is a UUID that
    // names them)
    near!(
        "polymarket-secret",
        "Polymarket API secret",
        ["poly"],
        r"poly(?:market)?[_.\-]?(?:clob[_.\-]?)?(?:api[_.\-]?)?secret",
        r"[A-Za-z0-9+/_\-]{40,88}={0,2}"
    ),
    near!(
        "polymarket-passphrase",
        "Polymarket API passphrase",
        ["poly"],
        r"poly(?:market)?[_.\-]?(?:clob[_.\-]?)?(?:api[_.\-]?)?passphrase",
        r"[A-Za-z0-9_]{8,128}"
    ),
    // PostHog
    token!(
        "posthog-personal-key",
        "PostHog personal API key",
        ["phx_"],
        r"phx_",
        r"[A-Za-z0-9_\-]{41,49}"
    ),
    token!("posthog-project-key", "PostHog project API key (public)", ["phc_"], r"phc_", r"[A-Za-z0-9_\-]{41,44}",
        severity: ID, confidence: ID_CONFIDENCE),
    // Postman
    token!(
        "postman-key",
        "Postman API key",
        ["pmak-"],
        r"PMAK-",
        r"[a-f0-9]{24}-[a-f0-9]{34}"
    ),
    // Prefect
    token!(
        "prefect-token",
        "Prefect API token",
        ["pnu_"],
        r"pnu_",
        r"[A-Za-z0-9]{36}"
    ),
    // Private AI
    near!(
        "privateai-key",
        "Private AI API key",
        ["privateai", "private_ai", "private-ai"],
        r"private[_\-]?ai",
        r"[a-z0-9]{32}"
    ),
    // Proof
    token!("proof-key", "Proof API key", ["prf_"], r"prf_(?:cli_)?", r"[A-Za-z0-9_\-]{20,80}", check: Some(mixed_ok)),
    // PubNub
    token!("pubnub-publish-key", "PubNub publish key", ["pub-c-"], r"pub-c-",
        r"[0-9a-z]{8}-[0-9a-z]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}", severity: ID, confidence: ID_CONFIDENCE),
    token!(
        "pubnub-secret-key",
        "PubNub secret key",
        ["sec-c-"],
        r"sec-c-",
        r"[A-Za-z0-9]{48}"
    ),
    // Pulumi
    token!(
        "pulumi-token",
        "Pulumi access token",
        ["pul-"],
        r"pul-",
        r"[a-f0-9]{40}"
    ),
    // Ramp
    token!(
        "ramp-secret",
        "Ramp client secret",
        ["ramp_sec_"],
        r"ramp_sec_",
        r"[A-Za-z0-9]{48}"
    ),
    // RapidAPI
    near!(
        "rapidapi-key",
        "RapidAPI key",
        ["rapidapi"],
        "rapidapi",
        r"[A-Za-z0-9_\-]{50}"
    ),
    // ReadMe
    token!(
        "readme-key",
        "ReadMe API key",
        ["rdme_"],
        r"rdme_",
        r"[a-z0-9]{70}"
    ),
    // redirect.pizza, Render, Replicate, Rootly, RunPod
    token!(
        "rpa-key",
        "redirect.pizza or RunPod API key",
        ["rpa_"],
        r"rpa_",
        r"[A-Za-z0-9]{30}|[A-Z0-9]{40}[A-Za-z0-9]{6}"
    ),
    token!(
        "render-key",
        "Render API key",
        ["rnd_"],
        r"rnd_",
        r"[A-Za-z0-9]{28}"
    ),
    token!(
        "replicate-token",
        "Replicate API token",
        ["r8_"],
        r"r8_",
        r"[A-Za-z0-9]{37}"
    ),
    token!(
        "rootly-key",
        "Rootly API key",
        ["rootly_"],
        r"rootly_",
        r"[a-f0-9]{64}"
    ),
    // RubyGems
    token!(
        "rubygems-key",
        "RubyGems API key",
        ["rubygems_"],
        r"rubygems_",
        r"[a-f0-9]{48}"
    ),
    // Salesforce
    Rule {
        id: "sec.salesforce-token",
        message: "Salesforce access token committed",
        remediation: ROTATE,
        keywords: &["00d"],
        pattern: r"\b(?P<s>(?P<p>00D)[A-Za-z0-9]{12}![A-Za-z0-9._\-]{80,260})(?:[^A-Za-z0-9._\-]|$)",
        ..KNOWN
    },
    // Samsara, Scaleway, Scalingo, Scalr
    token!(
        "samsara-token",
        "Samsara API token",
        ["samsara_api_"],
        r"samsara_api_",
        r"[A-Za-z0-9]{26,32}"
    ),
    near!(
        "scaleway-secret",
        "Scaleway secret key",
        ["scaleway", "scw_"],
        r"scaleway|\bscw",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    token!(
        "scalingo-token",
        "Scalingo API token",
        ["tk-us-"],
        r"tk-us-",
        r"[A-Za-z0-9_\-]{48}"
    ),
    // Scrapfly
    token!(
        "scrapfly-key",
        "Scrapfly API key",
        ["scp-live-", "scp-test-"],
        r"scp-(?:live|test)-",
        r"[a-f0-9]{32}"
    ),
    // Segment, Sourcegraph
    token!(
        "sourcegraph-token",
        "Sourcegraph access token",
        ["sgp_"],
        r"sgp_",
        r"(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|[a-fA-F0-9]{40}|[A-Za-z0-9]{64}"
    ),
    token!(
        "sourcegraph-cody-key",
        "Sourcegraph Cody gateway key",
        ["slk_", "sgs_"],
        r"s(?:lk|gs)_",
        r"[a-f0-9]{64}"
    ),
    near!(
        "sourcegraph-legacy-token",
        "Sourcegraph access token",
        ["sourcegraph"],
        "sourcegraph",
        r"[a-f0-9]{40}"
    ),
    // SendBird
    near!(
        "sendbird-token",
        "SendBird access token",
        ["sendbird"],
        "sendbird",
        r"[a-f0-9]{40}"
    ),
    near!("sendbird-app-id", "SendBird application id (find its token)", ["sendbird"], "sendbird",
        r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Sendinblue / Brevo
    token!(
        "brevo-key",
        "Brevo (Sendinblue) API key",
        ["xkeysib-", "xsmtpsib-"],
        r"x(?:keysib|smtpsib)-",
        r"[a-f0-9]{64}-[A-Za-z0-9]{16}"
    ),
    // Sentry
    token!(
        "sentry-user-token",
        "Sentry user auth token",
        ["sntryu_"],
        r"sntryu_",
        r"[a-f0-9]{64}"
    ),
    token64!(
        "sentry-org-token",
        "Sentry organization auth token",
        ["sntrys_"],
        r"sntrys_",
        r"eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43}"
    ),
    near!(
        "sentry-token",
        "Sentry auth token",
        ["sentry"],
        "sentry",
        r"[a-f0-9]{64}"
    ),
    // SettleMint
    token!(
        "settlemint-token",
        "SettleMint access token",
        ["sm_aat_", "sm_pat_", "sm_sat_"],
        r"sm_[aps]at_",
        r"[A-Za-z0-9]{16}"
    ),
    // Shippo
    token!(
        "shippo-token",
        "Shippo API token",
        ["shippo_live_", "shippo_test_"],
        r"shippo_(?:live|test)_",
        r"[a-fA-F0-9]{40}"
    ),
    // Sidekiq
    near!(
        "sidekiq-secret",
        "Sidekiq Enterprise credentials",
        [
            "bundle_enterprise__contribsys__com",
            "bundle_gems__contribsys__com"
        ],
        r"bundle_(?:enterprise|gems)__contribsys__com",
        r"[a-f0-9]{8}:[a-f0-9]{8}"
    ),
    Rule {
        id: "sec.sidekiq-url",
        message: "Sidekiq Enterprise credentials in a URL committed",
        remediation: ROTATE,
        keywords: &["contribsys.com"],
        pattern: r"(?i)\bhttps?://(?P<s>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com",
        ..KNOWN
    },
    // Slack (beyond secrets.rs)
    token64!(
        "slack-session-cookie",
        "Slack session cookie",
        ["xoxd-"],
        r"xoxd-",
        r"[A-Za-z0-9%/\\+\-]{100,}={0,2}"
    ),
    token!(
        "slack-session-token",
        "Slack session token",
        ["xoxc-"],
        r"xoxc-",
        r"[0-9]{9,15}-[0-9]{9,15}-[0-9]{9,15}-[a-f0-9]{64}"
    ),
    // Snowflake
    near!(
        "snowflake-token",
        "Snowflake programmatic access token",
        ["snowflake", "sf_token"],
        r"snowflake|sf_token",
        r"ver:[0-9]-hint:[0-9]+-ETMsDgAAA[A-Za-z0-9+/=_\-]{40,}|eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}"
    ),
    // Snyk
    near!(
        "snyk-token",
        "Snyk API token",
        ["snyk"],
        r"snyk[_.\-]?(?:(?:api|oauth)[_.\-]?)?(?:key|token)",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    // SonarQube / SonarCloud
    token!(
        "sonar-token",
        "SonarQube token",
        ["squ_", "sqp_", "sqa_"],
        r"sq[upa]_",
        r"[A-Za-z0-9]{40}"
    ),
    near!(
        "sonar-legacy-token",
        "SonarQube token",
        ["sonar"],
        r"sonar[_.\-]?(?:login|token)",
        r"[A-Za-z0-9=_\-]{40}"
    ),
    // Square
    token!(
        "square-token",
        "Square access token",
        ["sq0atp-", "eaaa"],
        r"(?:EAAA|sq0atp-)",
        r"[A-Za-z0-9_\-]{22,60}"
    ),
    token!(
        "square-oauth-secret",
        "Square OAuth secret",
        ["sq0csp-"],
        r"sq0csp-",
        r"[A-Za-z0-9_\-]{43}"
    ),
    // Squarespace
    near!(
        "squarespace-token",
        "Squarespace API key",
        ["squarespace"],
        "squarespace",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    ),
    // Stability AI
    near!(
        "stability-key",
        "Stability AI API key",
        ["stability"],
        "stability",
        r"sk-[A-Za-z0-9]{48}"
    ),
    // Sumo Logic
    near!(
        "sumologic-key",
        "Sumo Logic access key",
        ["sumo"],
        r"sumo",
        r"[A-Za-z0-9]{64}"
    ),
    near!("sumologic-id", "Sumo Logic access id (find its key)", ["sumo"], r"sumo", r"su[A-Za-z0-9]{12}",
        severity: ID, confidence: ID_CONFIDENCE, check: Some(id_ok)),
    // Supabase
    token!(
        "supabase-token",
        "Supabase management token",
        ["sbp_"],
        r"sbp_",
        r"[a-z0-9_\-]{40}"
    ),
    token!(
        "supabase-secret",
        "Supabase secret key",
        ["sb_secret_"],
        r"sb_secret_",
        r"[A-Za-z0-9_\-]{31}"
    ),
    // Tailscale
    token!(
        "tailscale-key",
        "Tailscale key",
        ["tskey-"],
        r"tskey-(?:api|auth|client|scim|webhook)-",
        r"[A-Za-z0-9_\-]{20,64}"
    ),
    // Telegram
    near!(
        "telegram-bot-token",
        "Telegram bot token",
        ["telegr", "bot_token"],
        r"telegr|bot_token",
        r"[0-9]{5,16}:A[A-Za-z0-9_\-]{34}"
    ),
    Rule {
        id: "sec.telegram-bot-url",
        message: "Telegram bot token committed",
        remediation: ROTATE,
        keywords: &["api.telegram.org/bot"],
        pattern: r"api\.telegram\.org/bot(?P<s>[0-9]{5,16}:A[A-Za-z0-9_\-]{34})",
        ..KNOWN
    },
    // Telnyx
    near!(
        "telnyx-key",
        "Telnyx API key",
        ["telnyx"],
        "telnyx",
        r"KEY[0-9A-Za-z_\-]{55}"
    ),
    // Thunderstore, Together AI
    token!(
        "thunderstore-token",
        "Thunderstore API token",
        ["tss_"],
        r"tss_",
        r"[A-Za-z0-9_\-]{20,80}"
    ),
    token!(
        "togetherai-key",
        "Together AI API key",
        ["tgp_v1_"],
        r"tgp_v1_",
        r"[A-Za-z0-9_\-]{43}"
    ),
    // Travis CI
    near!(
        "travis-token",
        "Travis CI access token",
        ["travis"],
        "travis",
        r"[A-Za-z0-9]{22}"
    ),
    // Trello
    near!(
        "trello-key",
        "Trello API key or token",
        ["trello"],
        "trello",
        r"ATTA[A-Za-z0-9]{60,70}|[a-f0-9]{64}|[A-Za-z0-9]{32}"
    ),
    // Twilio: the key sid `SK...` is half of a credential, the auth token the other.
    token!("twilio-api-key", "Twilio API key", ["sk"], r"SK", r"[0-9a-fA-F]{32}", check: Some(hex_ok)),
    near!(
        "twilio-token",
        "Twilio auth token",
        ["twilio"],
        "twilio",
        r"[a-f0-9]{32}"
    ),
    // Twitch
    near!(
        "twitch-token",
        "Twitch API token",
        ["twitch"],
        "twitch",
        r"[a-z0-9]{30}"
    ),
    // Twitter / X
    near!("twitter-bearer-token", "Twitter bearer token", ["aaaaaaaaaaaaaaaaaaaaaa"], r"twitter|bearer",
        r"A{22}[A-Za-z0-9%]{80,100}", check: Some(near_runs_ok)),
    near!(
        "twitter-access-token",
        "Twitter access token",
        ["twitter"],
        "twitter",
        r"[0-9]{15,25}-[A-Za-z0-9]{20,40}"
    ),
    near!(
        "twitter-secret",
        "Twitter API secret",
        ["twitter"],
        "twitter",
        r"[A-Za-z0-9]{50}|[A-Za-z0-9]{45}|[A-Za-z0-9]{25}"
    ),
    // Typeform
    token!(
        "typeform-token",
        "Typeform API token",
        ["tfp_"],
        r"tfp_",
        r"[A-Za-z0-9\-_.=]{59}"
    ),
    // Ubidots, Unkey, UpCloud, Upstage
    token!(
        "ubidots-token",
        "Ubidots token",
        ["bbff-"],
        r"BBFF-",
        r"[0-9A-Za-z]{30}"
    ),
    token!(
        "unkey-key",
        "Unkey root key",
        ["unkey_"],
        r"unkey_",
        r"[A-Za-z0-9]{20,32}"
    ),
    token!(
        "upcloud-token",
        "UpCloud API token",
        ["ucat_"],
        r"ucat_",
        r"[0-9A-Za-z]{24,32}"
    ),
    near!(
        "upstage-key",
        "Upstage API key",
        ["upstage"],
        "upstage",
        r"up_[A-Za-z0-9]{29,40}|[A-Za-z0-9]{40,50}"
    ),
    // Val Town, Vercel
    token!(
        "valtown-token",
        "Val Town API token",
        ["vtwn_"],
        r"vtwn_",
        r"[A-Za-z0-9_\-]{20,80}"
    ),
    token!(
        "vercel-token",
        "Vercel token",
        ["vck_", "vca_", "vcr_", "vci_", "vcp_"],
        r"vc[karip]_",
        r"[A-Za-z0-9_\-]{56}"
    ),
    near!(
        "vercel-legacy-token",
        "Vercel API token",
        ["vercel"],
        "vercel",
        r"[A-Za-z0-9]{24}"
    ),
    // WakaTime
    token!(
        "wakatime-key",
        "WakaTime API key",
        ["waka_"],
        r"waka_",
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]{36,64}"
    ),
    // Weights & Biases
    token!(
        "wandb-key",
        "Weights & Biases API key",
        ["wandb_v1_"],
        r"wandb_v1_",
        r"[A-Za-z0-9_]{77}"
    ),
    near!(
        "wandb-legacy-key",
        "Weights & Biases API key",
        ["wandb", "weightsandbiases"],
        "wandb|weightsandbiases",
        r"[a-f0-9]{40}"
    ),
    // Workato, WorkOS
    Rule {
        id: "sec.workato-token",
        message: "Workato developer API token committed",
        remediation: ROTATE,
        keywords: &["wrka"],
        pattern: r"\b(?P<s>(?P<p>wrka(?:[a-z]{2})?-)eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{64,})(?:[^A-Za-z0-9_\-]|$)",
        ..KNOWN
    },
    // xAI
    token!(
        "xai-key",
        "xAI API key",
        ["xai-"],
        r"xai-",
        r"[A-Za-z0-9_\-]{70,120}"
    ),
    // Yandex
    near!(
        "yandex-token",
        "Yandex Cloud token",
        ["yandex"],
        "yandex",
        r"t1\.[A-Za-z0-9_\-]+={0,2}\.[A-Za-z0-9_\-]{86}={0,2}|YC[A-Za-z0-9_\-]{38}"
    ),
    token!("yandex-api-key", "Yandex Cloud API key", ["aqvn"], r"AQVN", r"[A-Za-z0-9_\-]{35,38}", check: Some(mixed_ok)),
    // Z.ai
    near!(
        "zai-key",
        "Z.ai API key",
        ["zai", "z_ai", "z.ai", "glm", "zhipu"],
        r"\bzai|z_ai|z\.ai|glm|zhipu",
        r"[a-f0-9]{32}\.[A-Za-z0-9]{16}"
    ),
    // Zendesk
    near!(
        "zendesk-token",
        "Zendesk API token",
        ["zendesk"],
        "zendesk",
        r"[A-Za-z0-9]{40}"
    ),
    SERVICE_RULE,
    // Zuplo
    token!(
        "zuplo-key",
        "Zuplo consumer API key",
        ["zpka_"],
        r"zpka_",
        r"[a-z0-9]{32}_[0-9a-f]{8}"
    ),
];

fn has_digit_and_letter(body: &[u8]) -> bool {
    body.iter().any(u8::is_ascii_digit) && body.iter().any(u8::is_ascii_alphabetic)
}

/// Digits and letters, or both letter cases in a long value: what a generated token has and a
/// snake_case identifier lacks.
fn mixed(body: &[u8]) -> bool {
    has_digit_and_letter(body)
        || body.len() >= 16
            && body.iter().any(u8::is_ascii_uppercase)
            && body.iter().any(u8::is_ascii_lowercase)
}

/// For short or word-like prefixes (`cio`, `EXO`, `secret_`): the random part must mix digits
/// and letters, so that an identifier (`secret_key_for_the_session_store`) does not match.
fn mixed_ok(h: &Hit<'_>) -> bool {
    let body = token_body(h);
    known_ok(h) && mixed(body) && (body.len() < 20 || entropy(body) >= 3.2)
}

/// Upper-case alphabets (`API-...` of Octopus Deploy): digits and letters mixed.
fn mixed_upper_ok(h: &Hit<'_>) -> bool {
    mixed_ok(h)
}

/// Twilio's `SK` + 32 hex: a hash-like value; it must mix digits and letters and not be a run of
/// one case-folded digest written by a tool (all 32 characters hex digits and lower-case).
fn hex_ok(h: &Hit<'_>) -> bool {
    mixed_ok(h)
}

fn near_mixed_ok(h: &Hit<'_>) -> bool {
    near_ok(h) && has_digit_and_letter(token_body(h))
}

/// A value with its own prefix (`sk_test_`, `live_`, `s.`): the gate looks at the random part,
/// after the last separator of the prefix.
fn near_prefixed_ok(h: &Hit<'_>) -> bool {
    let value = h.group("s").unwrap_or(b"");
    let cut = value
        .iter()
        .take(16)
        .rposition(|b| matches!(b, b'_' | b'.'))
        .map_or(0, |i| i + 1);
    let body = &value[cut..];
    near_key_ok(h) && gate(body)
}

/// A legacy Vault token's 24 random characters hold lower and upper case letters and digits:
/// `s.` before a word or an identifier (`s.AcceptanceTimeoutSeconds`,
/// `s.makeKubeConfigController`, `s.ALLUPPERCASE…`) is a field, not a token.
fn vault_legacy_ok(h: &Hit<'_>) -> bool {
    let body = h.group("s").map_or(&b""[..], |v| v.get(2..).unwrap_or(b""));
    body.iter().any(u8::is_ascii_digit)
        && body.iter().any(u8::is_ascii_lowercase)
        && body.iter().any(u8::is_ascii_uppercase)
        && near_prefixed_ok(h)
}

/// Formats with a fixed run of one letter (Dropbox's `AAAAAAAAAA`, Twitter's `AAAA...`): the
/// run is dropped before the gate.
fn near_runs_ok(h: &Hit<'_>) -> bool {
    let value = h.group("s").unwrap_or(b"");
    let body: Vec<u8> = value
        .windows(2)
        .filter(|w| w[0] != b'A' || w[1] != b'A')
        .map(|w| w[1])
        .collect();
    near_key_ok(h) && gate(&body)
}

/// The gate of `known_ok` on a given random part.
fn gate(body: &[u8]) -> bool {
    let min = if body.len() <= 20 { 2.5 } else { 3.0 };
    !super::secrets::has_placeholder_word(body)
        && !super::secrets::has_keyboard_run(body)
        && entropy(body) >= min
}

/// A JWT counts when its header and payload decode to JSON objects and the header names an
/// algorithm; the jwt.io example (`"name":"John Doe"`) and `"alg":"none"` tokens do not.
fn jwt_ok(h: &Hit<'_>) -> bool {
    use base64::Engine as _;
    let token = h.group("s").unwrap_or(b"");
    let mut parts = token.split(|b| *b == b'.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return false;
    };
    let decode = |part: &[u8]| {
        let trimmed: &[u8] = part
            .strip_suffix(b"==")
            .or(part.strip_suffix(b"="))
            .unwrap_or(part);
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(trimmed)
            .ok()
    };
    let (Some(header), Some(payload)) = (decode(header), decode(payload)) else {
        return false;
    };
    let json = |b: &[u8]| b.trim_ascii().starts_with(b"{") && b.trim_ascii().ends_with(b"}");
    let header = String::from_utf8_lossy(&header).to_ascii_lowercase();
    let payload_text = String::from_utf8_lossy(&payload).to_ascii_lowercase();
    json(header.as_bytes())
        && json(payload_text.as_bytes())
        && header.contains("\"alg\"")
        && !header.replace(' ', "").contains("\"alg\":\"none\"")
        && !payload_text.contains("john doe")
        && !super::secrets::has_placeholder_word(payload_text.as_bytes())
}

/// A value in a credentials file that is not a variable reference or a placeholder.
fn config_value_ok(h: &Hit<'_>) -> bool {
    let value = h.group("s").unwrap_or(b"");
    !value.starts_with(b"${") && gate(value)
}

/// A user credential in a kubeconfig: the file says `kind: Config` and has a `users:` list.
fn kubeconfig_ok(h: &Hit<'_>) -> bool {
    let lines = &h.view.lines;
    let has = |want: &str| {
        lines
            .iter()
            .any(|l| l.trim_end() == want || l.trim_end().replace('"', "") == want)
    };
    (has("kind: Config") || has("kind: config")) && has("users:") && config_value_ok(h)
}

/// Key endings that say the value is where a credential lives, not the identifier itself.
const PLACE_ENDINGS: &[&str] = &[
    "url", "uri", "host", "endpoint", "path", "file", "dir", "domain",
];

/// An identifier rule: the gate, and a key that does not name a place.
fn id_ok(h: &Hit<'_>) -> bool {
    let key = h.group("key").unwrap_or(b"").to_ascii_lowercase();
    let key = key.trim_ascii_end();
    !PLACE_ENDINGS.iter().any(|w| key.ends_with(w.as_bytes())) && name_ok(h) && known_ok(h)
}

#[cfg(test)]
mod path_hint_tests {
    use super::RULES;

    /// A path a rule's regex matches always holds one of its hints, so the hints never hide a
    /// match.
    #[test]
    fn path_hints_never_hide_a_match() {
        let samples = [
            "certs/Client.P12",
            "a/b.pfx",
            "keys/app.JKS",
            "android/release.keystore",
            "id_rsa",
            "home/.ssh/id_ed25519_sk",
            "deploy/id_ECDSA",
            ".npmrc",
            "pkg/.npmrc",
            ".pypirc",
            "x/.pypirc",
        ];
        let mut checked = 0;
        for rule in RULES.iter().filter(|r| !r.path_hints.is_empty()) {
            let re = regex::Regex::new(rule.path.unwrap()).unwrap();
            for path in samples.iter().filter(|p| re.is_match(p)) {
                let lower = path.to_ascii_lowercase();
                assert!(
                    rule.path_hints.iter().any(|h| lower.contains(h)),
                    "{} matches {path} but no hint does",
                    rule.id
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "{checked}");
    }
}
