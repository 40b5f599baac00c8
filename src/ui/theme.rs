//! Colours when allowed, and with NO_COLOR the same meaning carried by
//! bold, reverse and markers.

use ratatui::style::{Color, Modifier, Style};

use crate::api::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    /// The config's `[theme]` colours for the known statuses, in
    /// `Status::KNOWN` order; `None` keeps the built-in colour.
    pub status_colors: [Option<Color>; 5],
}

impl Theme {
    pub fn new(config: &crate::app::AppConfig) -> Theme {
        Theme {
            color: config.color,
            status_colors: Status::KNOWN.map(|s| config.prefs.theme.status_color(&s)),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn status(&self, s: &Status) -> Style {
        if let Some(c) = Status::KNOWN
            .iter()
            .position(|k| k == s)
            .and_then(|i| self.status_colors[i])
        {
            return self.fg(c);
        }
        match s {
            Status::Pending => self.fg(Color::Yellow),
            Status::Active => self.fg(Color::Green),
            Status::Available => self.fg(Color::Cyan),
            Status::Rejected => self.fg(Color::Red),
            Status::Disabled => self.fg(Color::DarkGray),
            Status::Unknown(_) => self.fg(Color::Magenta),
        }
    }

    /// The cursor row: reverse video without colour, so it never depends on it.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A row of the range being marked (`v`): a dim background, and
    /// without colour underlined; the marker column's `·` says it either way.
    pub fn range(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(238))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn marked(&self) -> Style {
        self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD)
    }

    pub fn bar(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// PRODUCTION in the title: reverse red, and bold reverse without colour.
    pub fn production(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        if self.color {
            style.fg(Color::Red)
        } else {
            style
        }
    }

    pub fn table_header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn gauge(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Green).bg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// A request over SLA: its age in red; without colour, bold beside
    /// the `!` the cell carries either way.
    pub fn sla(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A row new or changed since the last look: its `+`/`±` in green; the
    /// characters say it without colour.
    pub fn live(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// A count written on its bar in the backlog chart.
    pub fn bar_value(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }
}
