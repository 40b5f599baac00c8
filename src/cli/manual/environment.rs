//! The man page's FILES and ENVIRONMENT sections: where intake keeps what
//! it keeps, and every variable it reads. A house test finds each variable
//! the source reads by name in [`VARIABLES`] (or among its test seams).

use clap_mangen::roff::{Roff, bold, roman};

/// A variable intake reads and what setting it does.
pub struct Variable {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// Every environment variable the product reads, in the order a new user
/// needs them.
pub const VARIABLES: &[Variable] = &[
    Variable {
        name: "CENTRAPAY_API_KEY",
        meaning: "The API key, in place of the profile's api_key. Sent only in the X-Api-Key \
                  header, never printed or logged.",
    },
    Variable {
        name: "CENTRAPAY_BASE_URL",
        meaning: "The API base URL, in place of the profile's base_url (--base-url wins).",
    },
    Variable {
        name: "CENTRAPAY_ACCOUNT_ID",
        meaning: "The account id, in place of the profile's account_id (--account wins).",
    },
    Variable {
        name: "INTAKE_PROFILE",
        meaning: "The profile to use, in place of default_profile (--profile wins).",
    },
    Variable {
        name: "INTAKE_CONFIG",
        meaning: "The configuration file, in place of the one in the OS config dir \
                  (--config wins).",
    },
    Variable {
        name: "INTAKE_AUDIT_FILE",
        meaning: "The audit log of changes, in place of audit.jsonl in the OS data dir.",
    },
    Variable {
        name: "INTAKE_LOG_FILE",
        meaning: "The log file, in place of intake.log in the OS state dir.",
    },
    Variable {
        name: "INTAKE_CACHE_DIR",
        meaning: "Where merchant names and what each host serves are kept, in place of the \
                  OS cache dir.",
    },
    Variable {
        name: "HTTPS_PROXY",
        meaning: "A proxy for the API's https requests (ALL_PROXY too); it sees the host, \
                  never the key. Plain-http loopback URLs never go through a proxy.",
    },
    Variable {
        name: "NO_PROXY",
        meaning: "Hosts reached directly, not through the proxy, e.g. localhost,10.0.0.5.",
    },
    Variable {
        name: "NO_COLOR",
        meaning: "When set and not empty, the console shows no colour.",
    },
];

/// What intake keeps on disk, with the Linux paths (the OS's own folders
/// elsewhere; XDG_CONFIG_HOME and the other XDG variables move them).
const FILES: &[(&str, &str)] = &[
    (
        "~/.config/intake/config.toml",
        "The configuration (intake config path prints it; INTAKE_CONFIG or --config name \
         another). See CONFIGURATION.",
    ),
    (
        "~/.local/share/intake/audit.jsonl",
        "The audit log: every create, update and activation, before its result is printed \
         (mode 0600; profile and host, never the key). intake log prints it; intake activate \
         --resume reads it. Run locks (audit.jsonl.run-ID.lock) sit beside it.",
    ),
    (
        "~/.local/state/intake/intake.log",
        "The log file (--log-level sets its detail); nothing is logged to the terminal.",
    ),
    (
        "~/.cache/intake/",
        "Merchant names (merchants-HOST_PORT.json) and what each host serves \
         (served-HOST_PORT.json), mode 0600, never the key.",
    ),
];

pub fn roff(page: &mut Roff) {
    page.control("SH", ["FILES"]);
    page.text([roman(
        "As on Linux, where XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME and XDG_CACHE_HOME \
         move them; other systems use their own folders.",
    )]);
    for (path, meaning) in FILES {
        page.control("TP", []);
        page.text([bold(*path)]);
        page.text([roman(*meaning)]);
    }
    page.control("SH", ["ENVIRONMENT"]);
    for variable in VARIABLES {
        page.control("TP", []);
        page.text([bold(variable.name)]);
        page.text([roman(variable.meaning)]);
    }
}
