//! The clipboard by OSC 52 (`ESC ] 52 ; c ; <base64> BEL`): the terminal
//! (or tmux with `set-clipboard on`) sets its clipboard from the escape
//! sequence, so copying works over SSH with no clipboard tool on the host.

use std::io::{self, Write};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648), as OSC 52 takes it. Small
/// enough not to be worth a crate.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that puts `text` on the clipboard (`c`).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Write the sequence to the terminal between frames.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x3e, 0x3f]), "//4+Pw==");
    }

    #[test]
    fn the_osc_52_sequence_is_esc_bracket_52_c_base64_bel() {
        let mut out = Vec::new();
        copy(&mut out, "REQ1verifone").expect("writes to a Vec");
        assert_eq!(out, b"\x1b]52;c;UkVRMXZlcmlmb25l\x07");
        // Non-ASCII text goes as its UTF-8 bytes.
        assert_eq!(osc52("Café"), "\x1b]52;c;Q2Fmw6k=\x07");
    }
}
