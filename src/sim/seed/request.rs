//! One generated request: its status, what it carries for its type, and
//! its history. The order of the draws is part of the seed.

use chrono::{DateTime, Duration, Utc};

use super::{ages, with_visible_millis};
use crate::api::model::{IntegrationRequest, IntegrationType, Merchant, Product, Status, Terminal};
use crate::sim::rng::Rng;

const STATUSES: [(Status, u32); 5] = [
    (Status::Pending, 60),
    (Status::Active, 20),
    (Status::Available, 8),
    (Status::Rejected, 7),
    (Status::Disabled, 5),
];

const KEY_NAMES: [&str; 5] = [
    "MyApiKey",
    "pos-onboarding",
    "store-ops",
    "franchise-sync",
    "intake",
];

fn terminal_id(rng: &mut Rng) -> String {
    // ePay NZ terminal ids look like 11000021.
    format!("11{}", rng.digits(6))
}

fn product_name(kind: &IntegrationType, rng: &mut Rng) -> String {
    let names: &[&str] = match kind {
        IntegrationType::Epay => &["ePay Gift Cards", "ePay Prepaid Mobile", "ePay Vouchers"],
        IntegrationType::Smartpay => &["Smartpay Anywhere", "Smartpay Cloud EFTPOS"],
        IntegrationType::Invenco => &["Invenco G7 Outdoor", "Invenco Forecourt"],
        IntegrationType::Skyzer => &["Skyzer Cloud", "Skyzer Integrated EFTPOS"],
        IntegrationType::Vista => &["Vista Cinema POS", "Vista Kiosk"],
        IntegrationType::Verifone => &["Verifone V400m", "Verifone P400"],
        IntegrationType::Windcave => &["Windcave SmartPOS", "Windcave Unattended"],
        _ => &["Cloud EFTPOS", "Unattended Terminal"],
    };
    rng.pick(names).to_string()
}

/// A request as the server records it. The order of the draws is part of
/// the seed: each step below draws after the one before, so the same seed
/// keeps giving the same requests.
pub(super) fn make_request(
    rng: &mut Rng,
    m: &Merchant,
    kind: IntegrationType,
    base: DateTime<Utc>,
    span_ms: i64,
    staff: &[String],
) -> IntegrationRequest {
    let account_id = m.account_id.clone().unwrap_or_default();
    let status = STATUSES[rng.weighted(&STATUSES.map(|s| s.1))].0.clone();
    let fitted = fit(rng, &kind, &status);
    let changed = fitted.updated || status != Status::Pending;
    let history = history(rng, &account_id, &status, changed, base, span_ms, staff);
    IntegrationRequest {
        id: rng.base62(22),
        account_id,
        merchant_id: m.id.clone(),
        kind,
        status,
        terminal_id: fitted.terminal_id,
        created_at: Some(history.created_at),
        updated_at: Some(history.updated_at),
        created_by: Some(history.creator),
        updated_by: Some(history.updater),
        terminal: fitted.terminal,
        product: fitted.product,
        as_sent: Default::default(),
    }
}

/// What a request carries beside its status: a terminalId (top-level and
/// perhaps in a terminal object) and a product.
#[derive(Default)]
struct Fitted {
    terminal_id: Option<String>,
    terminal: Option<Terminal>,
    product: Option<Product>,
    /// Setting a terminalId is an update after creation.
    updated: bool,
}

fn fit(rng: &mut Rng, kind: &IntegrationType, status: &Status) -> Fitted {
    let later_type = matches!(
        kind,
        IntegrationType::Smartpay
            | IntegrationType::Invenco
            | IntegrationType::Skyzer
            | IntegrationType::Vista
    );
    match kind {
        IntegrationType::Epay => fit_epay(rng, kind, status),
        _ if later_type => fit_later_type(rng, kind),
        _ => {
            let mut fitted = Fitted::default();
            if rng.chance(0.2) {
                fitted.terminal_id = Some(rng.digits(8));
                fitted.updated = true;
            }
            fitted
        }
    }
}

fn fit_epay(rng: &mut Rng, kind: &IntegrationType, status: &Status) -> Fitted {
    let mut fitted = Fitted::default();
    // Activation requires a terminalId, so every active ePay request has one.
    let has = *status == Status::Active || rng.chance(0.5);
    if has {
        let tid = terminal_id(rng);
        fitted.updated = true;
        // The later revision's terminal object sits beside the
        // top-level field, which clients of the reference read.
        if rng.chance(0.25) {
            fitted.terminal = Some(Terminal {
                terminal_id: Some(tid.clone()),
                device_id: rng.chance(0.4).then(|| format!("EPAY-{}", rng.digits(5))),
            });
        }
        fitted.terminal_id = Some(tid);
    }
    if rng.chance(0.2) {
        fitted.product = Some(Product {
            name: Some(product_name(kind, rng)),
        });
    }
    fitted
}

/// The types of the later revision carry their terminalId in a terminal
/// object, usually with a device and a product.
fn fit_later_type(rng: &mut Rng, kind: &IntegrationType) -> Fitted {
    let mut fitted = Fitted::default();
    if rng.chance(0.6) {
        let tid = rng.digits(8);
        fitted.terminal = Some(Terminal {
            terminal_id: Some(tid.clone()),
            device_id: rng
                .chance(0.7)
                .then(|| format!("{}-{}", rng.base62(4).to_uppercase(), rng.digits(6))),
        });
        fitted.terminal_id = Some(tid);
        fitted.updated = true;
    }
    if rng.chance(0.7) {
        fitted.product = Some(Product {
            name: Some(product_name(kind, rng)),
        });
    }
    fitted
}

/// Who made a request and when, and who last changed it and when.
struct History {
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    creator: String,
    updater: String,
}

fn history(
    rng: &mut Rng,
    account_id: &str,
    status: &Status,
    changed: bool,
    base: DateTime<Utc>,
    span_ms: i64,
    staff: &[String],
) -> History {
    // The draws stay those of a uniform offset, so every later draw (and
    // with it each id) is what it always was; only the age is bent.
    let offset = rng.range(1, span_ms as u64) as i64;
    let age = ages::skewed(offset, span_ms);
    let created_at = with_visible_millis(base - Duration::milliseconds(age));
    let creator = if rng.chance(0.15) {
        format!("crn::user:{}", rng.base62(22))
    } else {
        format!("crn:{account_id}:api-key:{}", rng.pick(&KEY_NAMES))
    };
    let (updated_at, updater) = if changed {
        let later = ages::scaled(rng.range(1, offset as u64) as i64, offset, age);
        let who = if *status == Status::Pending || *status == Status::Active {
            creator.clone()
        } else {
            rng.pick(staff).clone()
        };
        (
            with_visible_millis(created_at + Duration::milliseconds(later)),
            who,
        )
    } else {
        (created_at, creator.clone())
    };
    History {
        created_at,
        updated_at,
        creator,
        updater,
    }
}
