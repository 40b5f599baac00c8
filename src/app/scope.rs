//! Which scope of the key table the console is in, and what its footer
//! depends on.

use crate::keys::table::When;
use crate::keys::{HintContext, Intent, Scope};

use super::command::Command;
use super::form::FormThen;
use super::prompt::PromptKind;
use super::run::ImportStage;
use super::state::{App, Asking, Mode, OverlayQuestion};
use super::toast::ToastView;

impl App {
    /// The scope keys are resolved in right now.
    pub fn scope(&self) -> Scope {
        if let Some(OverlayQuestion::Quit) = self.asking {
            return Scope::QuitConfirm;
        }
        // A bulk run goes on beside the list and help, which add its keys.
        let running = self.bulk.as_ref().is_some_and(super::run::Run::is_running);
        match &self.mode {
            // Esc ends the range first, and only then cancels a run.
            Mode::List if self.list.in_range() => Scope::Range,
            Mode::List if running => Scope::BulkRunning,
            Mode::List => Scope::List,
            Mode::Filter => Scope::Filter,
            Mode::Help { .. } if running => Scope::HelpRunning,
            Mode::Help { .. } => Scope::Help,
            Mode::Messages { .. } => Scope::Messages,
            Mode::Output { .. } => Scope::Output,
            Mode::Palette(..) => Scope::Palette,
            Mode::Runs => Scope::Runs,
            Mode::Columns { .. } => Scope::Columns,
            Mode::CopyMenu { .. } => Scope::CopyMenu,
            Mode::Form(_) => Scope::Form,
            Mode::Asking(asking) => asking_scope(asking),
            Mode::Prompt(_) => Scope::Prompt,
            Mode::Import => match self.import.as_ref() {
                Some(import) => match &import.stage {
                    ImportStage::Planning => Scope::ImportPlanning,
                    ImportStage::Preview => Scope::ImportPreview,
                    ImportStage::Sending(run) if run.is_running() => Scope::ImportRunning,
                    ImportStage::Sending(_) => Scope::ImportResults,
                },
                None => Scope::ImportPlanning,
            },
            Mode::Bulk if self.reopened.is_some() => Scope::BulkResults,
            Mode::Bulk => match self.bulk.as_ref().map(super::run::Run::is_running) {
                Some(false) | None => Scope::BulkResults,
                Some(true) => Scope::BulkRunning,
            },
        }
    }

    /// The view a toast raised now is about.
    pub fn toast_view(&self) -> ToastView {
        toast_view_of(&self.mode)
    }

    /// What the footer of the current scope depends on.
    pub fn hint_context(&self) -> HintContext {
        HintContext {
            read_only: self.config.safety.read_only.is_on(),
            missing_terminal_ids: matches!(&self.mode, Mode::Asking(Asking::Bulk(p)) if !p.missing_terminal.is_empty()),
            form: match &self.mode {
                Mode::Form(f) => match f.then {
                    FormThen::Bulk(_) => When::FormBulk,
                    FormThen::Activate => When::FormActivate,
                    FormThen::Save => When::FormSave,
                },
                _ => When::FormSave,
            },
            import_sets: matches!(&self.mode, Mode::Asking(Asking::Import { .. }))
                && self
                    .import
                    .as_ref()
                    .is_some_and(|i| !i.plan.updates().is_empty()),
            import_activates: matches!(&self.mode, Mode::Asking(Asking::Import { .. }))
                && self
                    .import
                    .as_ref()
                    .is_some_and(|i| i.plan.to_activate().next().is_some()),
            confirm: match &self.mode {
                Mode::Asking(Asking::Custom { .. }) => When::ConfirmCustom,
                _ => When::ConfirmActivate,
            },
            prompt: match &self.mode {
                Mode::Prompt(p) if p.kind == PromptKind::Import => When::PromptImport,
                _ => When::PromptExport,
            },
        }
    }

    /// The footer shown now: (keys, what they do).
    pub fn footer(&self) -> Vec<(String, &'static str)> {
        crate::keys::footer(&self.config.prefs.keys, self.scope(), &self.hint_context())
    }

    /// How a dialog or sentence names the keys of `intents` in `scope`:
    /// `default` unless the operator remapped them.
    pub fn keys_label(&self, scope: Scope, intents: &[Intent], default: &str) -> String {
        self.config.prefs.keys.label(scope, intents, default, true)
    }
}

/// The view a toast raised in `mode` is about.
fn toast_view_of(mode: &Mode) -> ToastView {
    match mode {
        // The palette is a look over the place it was opened from; the
        // column chooser and the copy menu are looks over the list: its
        // toasts stay.
        Mode::Palette(_, from) => toast_view_of(from),
        Mode::List | Mode::Filter | Mode::Columns { .. } | Mode::CopyMenu { .. } => ToastView::List,
        Mode::Help { .. } => ToastView::Help,
        Mode::Messages { .. } | Mode::Output { .. } | Mode::Runs => ToastView::Messages,
        Mode::Form(_) | Mode::Asking(Asking::Overwrite(_)) => ToastView::Form,
        Mode::Asking(Asking::Activate { .. } | Asking::Custom { .. }) => ToastView::Activate,
        Mode::Asking(Asking::Bulk(_)) | Mode::Bulk => ToastView::Bulk,
        Mode::Prompt(_) | Mode::Asking(Asking::ExportOverwrite { .. }) => ToastView::Prompt,
        Mode::Asking(Asking::Import { .. }) | Mode::Import => ToastView::Import,
    }
}

/// The scope of a question held as data.
fn asking_scope(asking: &Asking) -> Scope {
    match asking {
        Asking::Overwrite(_) => Scope::Overwrite,
        Asking::Activate { .. } => Scope::Confirm,
        Asking::Bulk(plan) if plan.typed.is_some() => Scope::BulkCount,
        Asking::Bulk(_) => Scope::BulkConfirm,
        Asking::Import { typed: Some(_) } => Scope::ImportCount,
        Asking::Import { typed: None } => Scope::ImportPreview,
        Asking::ExportOverwrite { .. } => Scope::ExportOverwrite,
        Asking::Custom { .. } => Scope::Confirm,
    }
}

/// Do `intent` in the current scope, as its keys do.
pub fn apply_intent(app: &mut App, intent: Intent) -> Vec<Command> {
    let cmds = super::update::on_input(app, crate::keys::Press::Intent(intent));
    app.backlog
        .refresh(&mut app.list, app.now, app.config.sla_days);
    app.toasts.settle(app.toast_view());
    cmds
}
