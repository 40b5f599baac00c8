//! Creating an integration request, recorded like every other change.

use super::{Done, OpError, Ops};
use crate::api::retry;
use crate::api::{IntegrationRequest, NewIntegrationRequest};
use crate::audit::{Change, Event, Outcome};

impl Ops {
    pub async fn create(
        &self,
        new: &NewIntegrationRequest,
    ) -> Result<Done<IntegrationRequest>, OpError> {
        self.may_change("create requests")?;
        let (client, policy) = (&self.client, self.policy);
        self.audited()
            .change(
                None,
                || retry::create(client, policy, new),
                |result| {
                    match result {
                        Ok(r) => Event::new(Change::Create, Outcome::Created, Some(&r.id)),
                        Err(e) => Event::new(Change::Create, Outcome::Failed, None).error(e),
                    }
                    .merchant(Some(&new.merchant_id))
                },
            )
            .await
    }
}
