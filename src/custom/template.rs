//! A command's `run` line as literal shell text and placeholders, each
//! placeholder inserted as one single-quoted word so no value can run code.

/// A value a command line can hold, named as `{name}` in `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    Id,
    MerchantId,
    MerchantName,
    AccountId,
    Type,
    Status,
    TerminalId,
    Profile,
    Host,
    ApiKey,
}

impl Placeholder {
    pub const ALL: [Placeholder; 10] = [
        Placeholder::Id,
        Placeholder::MerchantId,
        Placeholder::MerchantName,
        Placeholder::AccountId,
        Placeholder::Type,
        Placeholder::Status,
        Placeholder::TerminalId,
        Placeholder::Profile,
        Placeholder::Host,
        Placeholder::ApiKey,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Id => "id",
            Placeholder::MerchantId => "merchantId",
            Placeholder::MerchantName => "merchantName",
            Placeholder::AccountId => "accountId",
            Placeholder::Type => "type",
            Placeholder::Status => "status",
            Placeholder::TerminalId => "terminalId",
            Placeholder::Profile => "profile",
            Placeholder::Host => "host",
            Placeholder::ApiKey => "api_key",
        }
    }

    fn from_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|f| f.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Placeholder(Placeholder),
}

/// A parsed `run` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// Why a `run` line was refused (the caller names the command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    Unknown(String),
    Quoted(Placeholder),
}

impl Template {
    /// `{name}` is a placeholder; `${...}` stays shell text. A placeholder
    /// inside '…' or "…" is refused: its own quotes would end the operator's.
    pub fn parse(run: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut quote: Option<char> = None;
        let mut chars = run.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match (quote, c) {
                (Some('\''), '\'') | (Some('"'), '"') => quote = None,
                (Some('"') | None, '\\') => {
                    text.push(c);
                    if let Some((_, next)) = chars.next() {
                        text.push(next);
                    }
                    continue;
                }
                (None, '\'' | '"') => quote = Some(c),
                (_, '{') if !text.ends_with('$') => {
                    if let Some(name) = placeholder_at(&run[i + 1..]) {
                        let field = Placeholder::from_name(name)
                            .ok_or_else(|| TemplateError::Unknown(name.to_string()))?;
                        if quote.is_some() {
                            return Err(TemplateError::Quoted(field));
                        }
                        for _ in 0..=name.len() {
                            chars.next();
                        }
                        parts.push(Part::Text(std::mem::take(&mut text)));
                        parts.push(Part::Placeholder(field));
                        continue;
                    }
                }
                _ => {}
            }
            text.push(c);
        }
        parts.push(Part::Text(text));
        parts.retain(|p| !matches!(p, Part::Text(t) if t.is_empty()));
        Ok(Template { parts })
    }

    pub fn uses(&self, field: Placeholder) -> bool {
        self.parts.contains(&Part::Placeholder(field))
    }

    /// The line with each placeholder replaced by its value, shell-quoted;
    /// a missing value is `''`.
    pub fn expand(&self, value: impl Fn(Placeholder) -> Option<String>) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Placeholder(f) => quote(value(*f).as_deref().unwrap_or_default()),
            })
            .collect()
    }
}

/// The name of a `{name}` starting `rest` (just after the brace), when it is
/// one: letters, digits and `_`, then `}`.
fn placeholder_at(rest: &str) -> Option<&str> {
    let end = rest.find('}')?;
    let name = &rest[..end];
    let word = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    word.then_some(name)
}

/// `s` as one shell word: single-quoted, each `'` written as `'\''`.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
