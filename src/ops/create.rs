//! Creating an integration request, recorded like every other change. A
//! create is never sent twice; when its answer is lost, the account is
//! searched for what it may have made, and the outcome says what that shows.

use chrono::{DateTime, TimeDelta, Utc};

use super::{Done, OpError, Ops, fetch_all_pages};
use crate::api::retry;
use crate::api::{ApiError, IntegrationRequest, NewIntegrationRequest, SearchQuery};
use crate::audit::{Change, Event, Outcome};

/// How far the server's clock may run behind this machine's while a
/// request found after a lost answer still counts as made after the call.
const CLOCK_SKEW: TimeDelta = TimeDelta::seconds(60);

/// How a create ended when a request is known to be there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// The server answered with the new request.
    Created(IntegrationRequest),
    /// The answer was lost; the search found it, created by this key after
    /// the call was sent (`confirmed_created`).
    Confirmed(IntegrationRequest),
}

impl Created {
    pub fn request(&self) -> &IntegrationRequest {
        match self {
            Created::Created(r) | Created::Confirmed(r) => r,
        }
    }
}

/// What a search after a lost answer shows.
enum Found {
    Created(IntegrationRequest),
    Ours(IntegrationRequest),
    /// One exists that cannot be shown to be this call's.
    Other(IntegrationRequest),
    None,
}

impl Ops {
    pub async fn create(&self, new: &NewIntegrationRequest) -> Result<Done<Created>, OpError> {
        self.may_change("create requests")?;
        let line = |outcome, id: Option<&str>| {
            Event::new(Change::Create, outcome, id).merchant(Some(&new.merchant_id))
        };
        let done = self
            .audited()
            .change(
                None,
                || self.send_create(new),
                |result| match result {
                    Ok(Found::Created(r)) => line(Outcome::Created, Some(&r.id)),
                    Ok(Found::Ours(r)) => line(Outcome::ConfirmedCreated, Some(&r.id)),
                    Ok(Found::Other(r)) => line(Outcome::Exists, Some(&r.id)),
                    Ok(Found::None) => line(Outcome::NotApplied, None),
                    Err(e) => line(Outcome::Failed, None).error(e),
                },
            )
            .await?;
        let value = match done.value {
            Found::Created(r) => Created::Created(r),
            Found::Ours(r) => Created::Confirmed(r),
            Found::Other(r) => {
                return Err(OpError::Exists {
                    request: Box::new(r),
                });
            }
            Found::None => return Err(not_created(new)),
        };
        if let Some(by) = value.request().created_by.as_deref() {
            self.client.learn_own_crn(by);
        }
        Ok(Done {
            value,
            unrecorded: done.unrecorded,
        })
    }

    async fn send_create(&self, new: &NewIntegrationRequest) -> Result<Found, ApiError> {
        let sent = Utc::now();
        match retry::create(&self.client, self.policy, new).await {
            Ok(r) => Ok(Found::Created(r)),
            Err(e) if e.outcome_unknown() => self.find_created(new, sent, e.label()).await,
            Err(e) => Err(e),
        }
    }

    /// The search has no merchant filter: the account's requests of the
    /// type, matched on the merchant here.
    async fn find_created(
        &self,
        new: &NewIntegrationRequest,
        sent: DateTime<Utc>,
        cause: &'static str,
    ) -> Result<Found, ApiError> {
        let query = SearchQuery {
            account_id: Some(new.account_id.clone()),
            kind: Some(new.kind.clone()),
            pending: false,
        };
        let all = fetch_all_pages(&self.client, self.policy, query)
            .await
            .map_err(|_| ApiError::Unconfirmed {
                subject: format!("the account's {} requests", new.kind),
                change: "created",
                cause,
                check: format!(
                    "Look for it with `intake list --type {}` before creating it again.",
                    new.kind
                ),
            })?;
        let Some(found) = all.into_iter().find(|r| r.merchant_id == new.merchant_id) else {
            return Ok(Found::None);
        };
        let ours = self
            .client
            .own_crn()
            .is_some_and(|me| found.created_by.as_deref() == Some(me.as_str()));
        let after = found.created_at.is_some_and(|at| at >= sent - CLOCK_SKEW);
        Ok(match ours && after {
            true => Found::Ours(found),
            false => Found::Other(found),
        })
    }
}

fn not_created(new: &NewIntegrationRequest) -> OpError {
    let merchant = crate::text::clean(&new.merchant_id);
    let kind = &new.kind;
    OpError::NotApplied {
        what: format!(
            "The answer to the create was lost, and the account has no {kind} request for merchant {merchant}: it was not created."
        ),
        redo: format!("Create it again with `intake create --merchant {merchant} --type {kind}`."),
    }
}
