//! What README's Keys table says of each key. The keys and action names of
//! a row are read from the key table when it is rendered, so only the
//! prose is written here, and keys it mentions are references filled from
//! the table: `{action}` in the row's scope, `{Scope/action}` elsewhere. An
//! intent no row names gets a row of its own, from its declaration.

use crate::keys::intent::{Intent, Scope};

use Intent as I;
use Scope as S;

/// One row of README's Keys table: the keys of `intents` in `scope`, then
/// `label` (a key the table does not hold, or where the keys work); no
/// intents and the label is the key column.
pub struct KeysDocRow {
    pub scope: Scope,
    pub intents: &'static [Intent],
    pub label: &'static str,
    pub text: &'static str,
}

const fn row(scope: Scope, intents: &'static [Intent], text: &'static str) -> KeysDocRow {
    KeysDocRow {
        scope,
        intents,
        label: "",
        text,
    }
}

const fn list(intents: &'static [Intent], text: &'static str) -> KeysDocRow {
    row(S::List, intents, text)
}

const fn note(label: &'static str, text: &'static str) -> KeysDocRow {
    KeysDocRow {
        label,
        ..row(S::List, &[], text)
    }
}

/// README's Keys table, in order.
pub static ROWS: &[KeysDocRow] = &[
    list(
        &[I::Up, I::Down],
        "move up / down. While the list first loads, the cursor stays on the top row as pages (and merchant names) sort rows in above it, until your first key or click; from then on it stays on its request",
    ),
    list(&[I::Top, I::Bottom], "first / last row"),
    list(&[I::HalfPageDown, I::HalfPageUp], "half a page down / up"),
    list(&[I::PageDown, I::PageUp], "a page down / up"),
    list(
        &[I::Filter],
        "filter live: words match id, merchant (its id or its name), account, terminalId, type, status; prefixes combine: `type:epay status:pending merchant:cafe account:Jaim id:DKT terminal:1100`; `terminal:none` finds requests without a terminalId, `needs:terminal` (or `needs:nothing`, `needs:pending`) the readiness the detail pane shows; `type:` and `status:` match a whole name (`type:epay` is not a type that merely contains epay), `needs:` a word of the readiness, bare words, `id:`, `merchant:`, `account:` and `terminal:` any part; an unknown field, or a value none of its field's values begins with (`needs:bogus`, `type:epayx`), is shown as an error under the input with the ones it knows; the hint under the input names `terminal:none needs:terminal` first and `?` lists the prefixes; on a long list the rows are tested in slices between frames, so typing never waits: the list shows the matches found so far and the title says `filtering… 340,000 of 1,000,000` until the set is complete (a key that acts on the shown rows, such as {bulk_activate}, {export}, {copy_rows} or {mark_all}, finishes the scan first); when nothing matches while only pending requests are shown, the list says how many match in other statuses ({toggle_pending} shows them). {Filter/submit} keeps it, {Filter/clear_filter} clears it",
    ),
    list(&[I::ClearFilter], "clear the filter"),
    list(
        &[I::TogglePending],
        "pending only ⇄ all statuses; marks stay on the rows it hides, as with the filter, and {bulk_activate} counts them as hidden",
    ),
    list(
        &[I::Sort, I::SortReverse],
        "cycle the sort column / reverse it. The header marks the sorted column (`▲` its values rise down the table, `▼` they fall) and the title bar says the order (`oldest first`, `merchant A→Z`); by merchant, rows sort by the name shown (the id while the name is unknown)",
    ),
    list(
        &[I::TerminalId],
        "enter a terminalId (validated; digits only for ePay). The form opens holding the request's terminalId, selected (drawn reversed): the first character typed, or a paste, replaces it; arrows, Home/End, Backspace and Delete edit it instead. Replacing one the request already has, or changing a request that is not pending (the form names its status), shows `old → new` and asks: {Overwrite/confirm} sends it, {Overwrite/cancel} goes back to the form. The same value again sends nothing and says so. Just before sending, the request is read again: if its terminalId is no longer the one you saw (another operator set or cleared it since the list loaded), nothing is sent, an error says what it is now and the row shows it, so {terminal_id} can review it",
    ),
    list(
        &[I::Activate],
        "activate the request under the cursor (asks first; ePay without terminalId opens the form first)",
    ),
    list(
        &[I::Mark, I::MarkAll, I::ClearMarks],
        "mark and move down / mark every visible row / clear marks",
    ),
    list(
        &[I::RangeMark],
        "range marking, like lazygit's range select: {range_mark} sets an anchor at the cursor; moving extends the range from it to the cursor (its rows drawn highlighted, with `·` beside them, and the status line says `range: 5 rows`); {Range/range_mark} again or {Range/mark} marks every row of the range as shown (filtered and sorted; marks are by id, so {bulk_activate} then counts them as usual) and ends it, {Range/cancel_range} ends it without marking. The other keys of the list keep working meanwhile. The anchor stays on its request while pages arrive, a refresh, a filter or a sort moves it; if its request is no longer shown, the range ends with a toast and nothing is marked",
    ),
    list(
        &[I::BulkActivate],
        "bulk-activate the marked requests (or the cursor row): the dialog says how many, how many the filter hides, how many are not pending and how many ePay lack a terminalId. On a production profile a run of more than `confirm_typed_over` requests starts only once its count is typed (then {BulkCount/confirm}; a wrong count is refused, {BulkCount/cancel} cancels). {BulkConfirm/enter_missing} opens a form for each missing terminalId first: {Form/cancel} skips that request, {Form/stop_entry} stops entering; after the last form (or the stop) the dialog shows again as a last look, counting what was typed and what is still missing (on production its count is typed again): its yes saves the typed terminalIds and activates, its {BulkConfirm/cancel} cancels the whole run, and nothing has been sent before that yes",
    ),
    KeysDocRow {
        label: " (during a run)",
        ..row(
            S::BulkRunning,
            &[I::CancelRun],
            "cancel: calls in flight finish, no new ones start. A bulk run goes on beside the list: a bar above the footer shows done/total, in flight and queued, and the ids in flight (or \"and N more\"), while moving, the filter, the detail pane and {help} keep working. {cancel_run} cancels from the list or help, {quit} asks first; {bulk_activate}, {import}, and {activate} or {terminal_id} on a row the run still holds say why they wait. Its results open when it ends (in the list at once; elsewhere a toast says they open once you are back in the list); either way the message log keeps its summary and where its results are",
        )
    },
    KeysDocRow {
        label: " (results)",
        ..row(
            S::BulkResults,
            &[I::RetryFailed],
            "retry the failed ones (on a production profile, more than `confirm_typed_over` of them open the bulk dialog, which starts the retry only once its count is typed; {BulkCount/cancel} goes back to the results; when none of them is pending any more it says so and sends nothing); on a run reopened from the runs panel while another bulk run goes on, it says why it waits and starts nothing. In an import's results it only says how to finish the import: import the same file again",
        )
    },
    list(
        &[I::Refresh],
        "refresh (keeps cursor, marks and filter); the list also refreshes itself every `auto_refresh_secs` (the live queue, below)",
    ),
    list(
        &[I::Export],
        "export the rows shown, as filtered and sorted, to a file: the prompt offers `intake-export-YYYYMMDD-HHMMSS.csv` in the working directory; `.csv` or `.json` picks the format (merchant names included); `~/` is your home folder; the name offered is selected as in the form (typing replaces it). A file that cannot be written keeps the prompt open with the name as typed and why under it. A file already there is replaced only after {ExportOverwrite/confirm} ({ExportOverwrite/cancel} goes back to the name). While the file is written the status line says `Exporting to …`; the message log keeps how it ended. {Prompt/cancel} cancels",
    ),
    list(
        &[I::Import],
        "import terminalIds from a CSV (as `intake import` reads; `~/` is your home folder; the prompt offers the last file imported, selected as in the form; a file that cannot be read or planned keeps the prompt open with the path to fix and why under it): a preview counts and lists every row with its line number (*will set*, *unchanged*, *conflicting*, *unknown request*, *duplicate*, *invalid*, with why). Nothing is sent until {ImportPreview/confirm} sets the *will set* rows (a few at a time; a request that got a terminalId since the preview is never overwritten) or {ImportPreview/confirm_alt} sets them and then bulk-activates every pending request that holds the file's terminalId, set now or before (on a production profile, more than `confirm_typed_over` of them ask for their count to be typed first, then {ImportCount/confirm}, before anything is sent; {ImportCount/cancel} goes back to the preview). {ImportPreview/cancel} cancels; the same file again shows all *unchanged* and sends nothing",
    ),
    note("mouse", "click selects, wheel scrolls"),
    note(
        "paste",
        "goes only into the text field that has focus (filter, terminalId, path prompt), at the cursor (in place of a pre-filled value still selected), without line breaks or control characters; it never submits, confirms or acts as keys, and is ignored anywhere else",
    ),
    list(
        &[I::NextView, I::PrevView],
        "next / previous saved view (backtab is shift-Tab): the tabs under the title name each view with how many loaded requests it shows (`Pending 40 · ePay missing terminalId 12 · Ready 9`; names shorten with `…` when they do not fit). What {filter} filters narrows within the view, and marks stay on their requests whichever view shows them. Views come from `[[views]]` in the config (below); without any, the three shown here",
    ),
    list(&Intent::VIEWS, "go to that saved view"),
    list(
        &[I::Help],
        "help, wrapped to the window; the moving keys scroll it, and its bottom border says which lines show (`↓ more` while there are more below)",
    ),
    list(
        &[I::Messages],
        "messages: every message of the session (info and errors), newest first, each with its time and in full however long; the moving keys scroll, {Messages/close} close. Whatever the status line says is kept here: failed loads, every bulk run's, import's and command run's summary with where its results are (… — results: {runs}, run 3.), which the runs panel opens again however long ago they were closed, and the reason an import prompt gives. The status line shows the newest briefly, only in the view it was raised in: it goes when that view closes or another opens (one from the list waits unseen under help and this log; the palette, the column chooser and the copy menu are small boxes over the place below, whose message stays on the status line), a failed load's when a load succeeds, and each stays in the log",
    ),
    list(
        &[I::Backlog],
        "backlog at a glance, in place of the detail pane ({backlog} again brings the detail back): the requests shown (as filtered) counted by type and by readiness (the detail pane's words: *ready to activate*, *epay: terminalId missing*, *not pending*…), and their ages as a bar chart (<1d, 1–3d, 3–7d, 1–4w, >4w; requests without `createdAt` are counted as *unknown age*). Pending requests older than `sla_days` (default 7; 0 turns it off) are marked in the list with `!` beside their age (red when colour is on) and counted in the title (`4 over SLA`)",
    ),
    list(
        &[I::Copy, I::CopyRows],
        "copy to the clipboard: {copy} opens the copy menu of the request under the cursor (like lazygit's), a small box above the footer listing each field with its key and its value as shown: {CopyMenu/copy_id} its id (so {copy} then {CopyMenu/copy_id} copies the id at once), {CopyMenu/copy_merchant_id} its merchantId, {CopyMenu/copy_merchant_name} its merchant's name, {CopyMenu/copy_terminal_id} its terminalId, {CopyMenu/copy_account_id} its accountId; a field the request lacks shows greyed `(none)` and its key says there is nothing to copy; {CopyMenu/close} closes it. The value copied is the one shown (control and invisible characters marked, as on screen). {copy_rows} copies the marked rows (hidden ones too, as {bulk_activate} takes them) or, with no marks, the rows shown, as CSV with the header, columns and merchant names of {export}'s export. Sent to the terminal as OSC 52, so it works over SSH with no clipboard tool on the host; inside tmux it needs `set -s set-clipboard on` (tmux stores it as a paste buffer and passes it on to the outer terminal). A toast says what was copied. Terminals cap one copy, so above 75 kB of CSV nothing is copied and the toast says so (export with {export} instead). A terminal without OSC 52 support ignores it",
    ),
    note(
        "your keys",
        "your own commands from `[[commands]]` (see [Your commands](#your-commands)); listed in {help} under \"Your commands\" and in the footer when it has room; they work beside a running bulk run too",
    ),
    list(
        &[I::Output],
        "output panel of your commands, like lazygit's command log: the last 20 runs, newest first, each with its time, name, requests, exit status (or \"running…\") and time taken, then what it printed (stderr lines marked `stderr│`); the moving keys scroll, {Output/close} close. Works beside a bulk run too",
    ),
    list(
        &[I::Palette],
        "command palette, as in VS Code, k9s or lazygit: a box with an input and every action the place you opened it from offers (the list, beside a running bulk run cancelling it too; help, the message log, the output and runs panels, the column chooser, the copy menu, an import or a run going or done: their own keys; not over a question, which waits for its answer), in the list your `[[commands]]` as well, each with its key as you bound it. Typing narrows it, fuzzily: the letters in order, runs and word starts first (`bact` finds bulk-activate), the matched letters highlighted; a paste goes into the input. {Palette/down}/{Palette/up} (or `ctrl-n`/`ctrl-p`) choose, {Palette/submit} goes back to that place and runs the chosen action there exactly as its key does (the same questions, typed counts and read-only refusals), {Palette/cancel} goes back to it unchanged. The moving keys are left out: the palette is for finding a key, not for moving",
    ),
    list(
        &[I::Runs],
        "runs panel: every bulk run, retry, import and command run of this session (the last 50), newest first, each with its time, what it was (`bulk activation`, `retry of the failed`, `import FILE`, `command NAME`), its counts (`38 activated · 2 failed`) and whether it is running, done or cancelled; the moving keys select, {Runs/open_run} opens its results in the view a run that just finished shows, the failed first (in a bulk run's or an import's, {BulkResults/failed_only} shows only the failed, again all; in a bulk run's, {BulkResults/retry_failed} retries its failed ones with the same confirmation as after the run), and closing them comes back here (a finished bulk run opens while another goes on too, that run's progress going on beside them and its results opening once you are back in the list); a command run opens alone in {output}'s panel, its head line naming it `run N` and its failed requests first with each request's exit status and output (the panel keeps that for as long as it lists the run, up to 64 kB of output a run). A run still going shows its counts so far, and its progress stays beside the list. {Runs/close} closes",
    ),
    KeysDocRow {
        label: " / `ctrl-c`",
        ..list(
            &[I::Quit],
            "quit (asks first while a bulk run or an import is in flight) / quit now. Quitting during a run says how to finish it (`intake activate --resume`, with `--profile` when not the default one; an import: the same file again), in the question and again on stderr once the console has exited",
        )
    },
];
