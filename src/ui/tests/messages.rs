//! The message log overlay: newest first, times in the configured zone,
//! errors wrapped in full.

use super::*;

fn logged() -> App {
    let mut app = loaded_with(crate::app::AppConfig {
        warnings: vec![
            "The server refused the API key (401 Unauthorized): check api_key for this profile or CENTRAPAY_API_KEY, then press r to reload; nothing was changed."
                .to_string(),
        ],
        ..crate::app::fixtures::config()
    });
    update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::seconds(75)),
    );
    move_to(&mut app, "REQ6rejected");
    update(&mut app, ch('a'));
    update(&mut app, ch('m'));
    app
}

#[test]
fn the_message_log() {
    for (w, h) in [(80, 24), (40, 14)] {
        let mut app = logged();
        insta::assert_snapshot!(format!("messages_{w}x{h}"), render(&mut app, w, h));
    }
}
