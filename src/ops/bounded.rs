//! Bounded concurrency, with outputs in input order or as they finish.

use std::collections::BTreeMap;
use std::future::Future;

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

/// In which order outputs are handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The order the futures were given (the CLI prints in input order).
    AsGiven,
    /// As each finishes (the console shows answers as they come).
    AsFinished,
}

/// Drive `futs` with at most `limit` in flight and hand each output to
/// `each` in `order`. Unlike `StreamExt::buffered`, finished outputs
/// waiting behind a slow first one (say, one sitting out a Retry-After) do
/// not count against the limit, so one slow call never stalls the rest.
/// An error from `each` stops the run; calls in flight are dropped.
pub async fn for_each_bounded<F, T, E>(
    futs: impl Iterator<Item = F>,
    limit: usize,
    order: Order,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    F: Future<Output = T>,
{
    // A plain loop over FuturesUnordered rather than stream adapters: the
    // adapters' closures over `F` cannot be shown to be Send when `F`
    // borrows, and the console spawns these runs.
    let mut futs = futs.enumerate();
    let mut running = FuturesUnordered::new();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    loop {
        while running.len() < limit.max(1) {
            match futs.next() {
                Some((n, f)) => running.push(Numbered { n, f: Box::pin(f) }),
                None => break,
            }
        }
        let Some((n, out)) = running.next().await else {
            break;
        };
        if order == Order::AsFinished {
            each(out)?;
            continue;
        }
        waiting.insert(n, out);
        while let Some(out) = waiting.remove(&next) {
            next += 1;
            each(out)?;
        }
    }
    Ok(())
}

/// A future and its place in the input.
struct Numbered<F> {
    n: usize,
    f: Pin<Box<F>>,
}

impl<F: Future> Future for Numbered<F> {
    type Output = (usize, F::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let n = self.n;
        self.f.as_mut().poll(cx).map(|out| (n, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    // Paused time: the sleeps advance a virtual clock, so the bound below
    // measures the schedule, not how busy the machine is.
    #[tokio::test(start_paused = true)]
    async fn order_is_kept_and_a_slow_head_does_not_block_the_rest() {
        let started = tokio::time::Instant::now();
        let mut seen = Vec::new();
        let futs = (0..20u64).map(|n| async move {
            let ms = if n == 0 { 200 } else { 20 };
            tokio::time::sleep(Duration::from_millis(ms)).await;
            n
        });
        for_each_bounded(futs, 2, Order::AsGiven, |n| {
            seen.push(n);
            Ok::<_, ()>(())
        })
        .await
        .expect("ok");
        assert_eq!(seen, (0..20).collect::<Vec<_>>());
        // buffered(2) would take 10 x 200 ms; here the head overlaps the rest.
        assert!(
            started.elapsed() < Duration::from_millis(600),
            "{:?}",
            started.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn as_finished_hands_over_the_fast_ones_first() {
        let mut seen = Vec::new();
        let futs = (0..4u64).map(|n| async move {
            let ms = if n == 0 { 150 } else { 10 };
            tokio::time::sleep(Duration::from_millis(ms)).await;
            n
        });
        for_each_bounded(futs, 4, Order::AsFinished, |n| {
            seen.push(n);
            Ok::<_, ()>(())
        })
        .await
        .expect("ok");
        assert_eq!(seen.last(), Some(&0), "{seen:?}");
        assert_eq!(seen.len(), 4);
    }
}
