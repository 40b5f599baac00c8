//! update() behaviour, key by key, with fixed data and a fixed clock
//! (`crate::testkit`), one file per area.

mod activate;
mod backlog;
mod bulk_plan;
mod bulk_retry;
mod bulk_run;
mod copy;
mod custom;
mod export;
mod filter;
mod filter_fields;
mod filter_job;
mod form;
mod help;
mod import;
mod incremental;
mod keys_walk;
mod live;
mod live_saves;
mod load;
mod marks;
mod merchants;
mod messages;
mod navigation;
mod outcomes;
mod output;
mod overwrite;
mod paste;
mod quit;
mod remap;
mod safety;
mod saved_views;
mod sort;
mod terminal_id_seen;
mod typed_counts;
mod viewport;
