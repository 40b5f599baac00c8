//! A wrapper that keeps the API key out of Debug, Display and logs.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An API key. Only [`Secret::expose`] reveals it, and only the HTTP client
/// and the config writer call that.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// A short one-way tag of the key (16 hex digits of a SHA-256), so a
    /// file can say which key something belongs to without holding the key.
    pub fn tag(&self) -> String {
        use rustls::crypto::ring::cipher_suite::TLS13_AES_128_GCM_SHA256;
        let Some(suite) = TLS13_AES_128_GCM_SHA256.tls13() else {
            return String::new();
        };
        let input = format!("intake key tag\n{}", self.0.trim());
        let digest = suite.common.hash_provider.hash(input.as_bytes());
        digest.as_ref()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

// Written only to the 0600 config file.
impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("sk_live_abcdef");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "sk_live_abcdef");
    }

    #[test]
    fn a_tag_tells_keys_apart_without_holding_them() {
        let s = Secret::new("sk_live_abcdef");
        assert_eq!(s.tag().len(), 16);
        assert_eq!(s.tag(), Secret::new(" sk_live_abcdef\n").tag(), "as sent");
        assert_ne!(s.tag(), Secret::new("sk_live_abcdeg").tag());
        assert!(!s.tag().contains("abcdef"));
    }
}
