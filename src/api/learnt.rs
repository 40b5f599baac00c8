//! What a session has learnt about its server: which routes answer, and the
//! CRN this API key writes as. Every clone of a [`Client`](super::Client) shares it. Given a
//! [`Memory`], it starts from what an earlier process learnt and hands the
//! memory each new fact, so the next process does not pay a 404 to find out
//! again (`crate::server_memory` keeps it in a file beside the names cache).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, PoisonError};

/// How one request is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReadWay {
    /// Not known yet: `GET /{id}` is tried first.
    #[default]
    Unknown,
    /// `GET /api/integration-requests/{id}` answers.
    ById,
    /// It is not served: the request is found in a search.
    Search,
}

/// How a terminalId is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpdateWay {
    /// Not known yet: `POST …/{id}/update` is tried first.
    #[default]
    Unknown,
    /// `POST …/{id}/update` (the reference revision).
    PostUpdate,
    /// `PUT …/{id}/configs` (the later revision).
    PutConfigs,
}

/// Everything learnt, as a [`Memory`] keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Served {
    pub read: ReadWay,
    pub update: UpdateWay,
    /// The CRN this key's own writes carry (`updatedBy`), so requests it
    /// created can be told from others'.
    pub own_crn: Option<String>,
}

/// Where what a session learns outlives the process.
pub trait Memory: Send + Sync {
    /// What was kept before; whatever cannot be used is simply not known.
    fn recall(&self) -> Served;
    /// Keep what this session learnt itself (what it only recalled is left
    /// `Unknown`/`None`, so it never overwrites newer news from another
    /// process); called each time something new is learnt. A memory that
    /// cannot keep it logs why: learning never fails a call.
    fn keep(&self, learnt_here: &Served);
}

/// The shared state behind [`Client::read_way`](super::Client::read_way) and friends.
#[derive(Default)]
pub(crate) struct Learnt {
    read: AtomicU8,
    update: AtomicU8,
    own_crn: Mutex<Option<String>>,
    memory: Option<Box<dyn Memory>>,
    /// What the memory is given: only what this session found out.
    here: Mutex<Served>,
    /// Held by the one call finding out each way, so calls in flight
    /// together (a bulk run) do not each probe.
    pub(super) read_probe: tokio::sync::Mutex<()>,
    pub(super) update_probe: tokio::sync::Mutex<()>,
}

impl Learnt {
    pub(super) fn remembered(memory: Box<dyn Memory>) -> Learnt {
        let served = memory.recall();
        let learnt = Learnt {
            memory: Some(memory),
            ..Learnt::default()
        };
        learnt.read.store(read_code(served.read), Ordering::Relaxed);
        learnt
            .update
            .store(update_code(served.update), Ordering::Relaxed);
        *learnt.crn() = served.own_crn.filter(|c| plausible_crn(c));
        learnt
    }

    pub(crate) fn read(&self) -> ReadWay {
        match self.read.load(Ordering::Relaxed) {
            1 => ReadWay::ById,
            2 => ReadWay::Search,
            _ => ReadWay::Unknown,
        }
    }

    pub(super) fn set_read(&self, way: ReadWay) {
        let code = read_code(way);
        if self.read.swap(code, Ordering::Relaxed) != code {
            self.keep(|here| here.read = way);
        }
    }

    pub(crate) fn update(&self) -> UpdateWay {
        match self.update.load(Ordering::Relaxed) {
            1 => UpdateWay::PostUpdate,
            2 => UpdateWay::PutConfigs,
            _ => UpdateWay::Unknown,
        }
    }

    pub(super) fn set_update(&self, way: UpdateWay) {
        let code = update_code(way);
        if self.update.swap(code, Ordering::Relaxed) != code {
            self.keep(|here| here.update = way);
        }
    }

    pub(super) fn served(&self) -> Served {
        Served {
            read: self.read(),
            update: self.update(),
            own_crn: self.crn().clone(),
        }
    }

    pub(super) fn crn(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.own_crn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn keep(&self, news: impl FnOnce(&mut Served)) {
        let Some(memory) = &self.memory else { return };
        let here = {
            let mut here = self.here.lock().unwrap_or_else(PoisonError::into_inner);
            news(&mut here);
            here.clone()
        };
        memory.keep(&here);
    }
}

fn read_code(way: ReadWay) -> u8 {
    match way {
        ReadWay::Unknown => 0,
        ReadWay::ById => 1,
        ReadWay::Search => 2,
    }
}

fn update_code(way: UpdateWay) -> u8 {
    match way {
        UpdateWay::Unknown => 0,
        UpdateWay::PostUpdate => 1,
        UpdateWay::PutConfigs => 2,
    }
}

/// The most of a CRN kept: longer is not one the API sends.
const MAX_CRN_CHARS: usize = 200;

/// Whether `crn` can be a Centrapay CRN (`crn:ACCOUNT:api-key:NAME`).
pub(super) fn plausible_crn(crn: &str) -> bool {
    crn.starts_with("crn:")
        && crn.chars().count() <= MAX_CRN_CHARS
        && !crn.chars().any(|c| c.is_control() || c.is_whitespace())
}
