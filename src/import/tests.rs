use super::*;
use crate::api::{IntegrationRequest, Status};

fn req(id: &str, merchant: &str, kind: IntegrationType, tid: Option<&str>) -> IntegrationRequest {
    let t = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    IntegrationRequest {
        id: id.into(),
        account_id: "acct".into(),
        merchant_id: merchant.into(),
        kind,
        status: Status::Pending,
        terminal_id: tid.map(str::to_string),
        created_at: Some(t),
        updated_at: Some(t),
        created_by: None,
        updated_by: None,
        terminal: None,
        product: None,
        as_sent: Default::default(),
    }
}

fn current() -> Vec<IntegrationRequest> {
    vec![
        req("R1", "M1", IntegrationType::Epay, None),
        req("R2", "M2", IntegrationType::Epay, None),
        req("R3", "M3", IntegrationType::Verifone, Some("T-3")),
        req("R4", "M4", IntegrationType::Epay, Some("444")),
        req("R5", "M5", IntegrationType::Windcave, None),
        req("R6", "M6", IntegrationType::Epay, None),
    ]
}

fn plan_of(text: &str) -> ImportPlan {
    let rows = read_rows("test.csv", text.as_bytes()).expect("readable");
    plan(&rows, &current())
}

fn class_at(p: &ImportPlan, line: u64) -> RowClass {
    p.rows
        .iter()
        .find(|r| r.line == line)
        .map_or_else(|| panic!("no row at line {line}: {p:?}"), |r| r.class)
}

#[test]
fn every_class_with_line_numbers() {
    let text = "\u{feff}Terminal_ID, ID ,MerchantId,TYPE\n\
                111,R1,,\n\
                222,,M2,EPAY\n\
                T-3,R3,,\n\
                999,R4,,\n\
                \n\
                1,NoSuch,,\n\
                1,,M9,epay\n\
                12ab,R6,,\n\
                1,a/b,,\n\
                W-1,R5,,\n\
                W-2,R5,,\n\
                111,R1,,\n\
                ,,,\n";
    let p = plan_of(text);
    assert_eq!(class_at(&p, 2), RowClass::WillSet);
    assert_eq!(class_at(&p, 3), RowClass::WillSet);
    assert_eq!(class_at(&p, 4), RowClass::Unchanged);
    assert_eq!(class_at(&p, 5), RowClass::Conflicting);
    assert_eq!(class_at(&p, 7), RowClass::UnknownRequest);
    assert_eq!(class_at(&p, 8), RowClass::UnknownRequest);
    assert_eq!(class_at(&p, 9), RowClass::Invalid);
    assert_eq!(class_at(&p, 10), RowClass::Invalid);
    assert_eq!(class_at(&p, 11), RowClass::Invalid);
    assert_eq!(class_at(&p, 12), RowClass::Invalid);
    assert_eq!(class_at(&p, 13), RowClass::Duplicate);
    assert_eq!(p.rows.len(), 11, "blank rows are skipped");
    assert_eq!(p.updates(), vec![("R1", "111"), ("R2", "222")]);
    let reason = |line| {
        p.rows
            .iter()
            .find(|r| r.line == line)
            .and_then(|r| r.reason.clone())
            .unwrap_or_default()
    };
    assert!(reason(9).contains("digits only"), "{}", reason(9));
    assert!(reason(10).contains("not a valid request id"));
    assert!(reason(11).contains("lines 11, 12"), "{}", reason(11));
    assert!(reason(5).contains("already has terminalId 444"));
    assert_eq!(
        p.summary(),
        "2 will set, 1 unchanged, 1 conflicting, 2 unknown request, 1 duplicate, 4 invalid"
    );
}

#[test]
fn rerunning_after_the_import_changes_nothing() {
    let text = "id,terminalId\nR1,111\nR2,222\n";
    let rows = read_rows("t.csv", text.as_bytes()).expect("readable");
    let mut now = current();
    for r in &mut now {
        match r.id.as_str() {
            "R1" => r.terminal_id = Some("111".into()),
            "R2" => r.terminal_id = Some("222".into()),
            _ => {}
        }
    }
    let p = plan(&rows, &now);
    assert_eq!(p.count(RowClass::Unchanged), 2);
    assert!(p.updates().is_empty());
}

#[test]
fn id_must_agree_with_merchant_and_type_when_given() {
    let p = plan_of("id,merchantId,type,terminalId\nR1,M1,epay,1\nR1,M2,,1\nR5,,epay,1\n");
    assert_eq!(class_at(&p, 2), RowClass::WillSet);
    assert_eq!(class_at(&p, 3), RowClass::Invalid);
    assert_eq!(class_at(&p, 4), RowClass::Invalid);
}

#[test]
fn header_errors_name_the_file() {
    for (text, want) in [
        ("", "is empty"),
        ("id,terminalId,colour\n", "unknown column `colour`"),
        ("id,id,terminalId\n", "twice"),
        ("id,merchant\n", "unknown column"),
        ("id\nR1\n", "no `terminalId` column"),
        ("merchantId,terminalId\n", "no `type` column"),
        ("terminalId\n", "neither an `id` column"),
    ] {
        let e = read_rows("in/file.csv", text.as_bytes()).expect_err(text);
        assert!(e.starts_with("in/file.csv"), "{e}");
        assert!(e.contains(want), "{text:?}: {e}");
    }
}

#[test]
fn bad_rows_keep_their_line_numbers() {
    let rows = read_rows(
        "f.csv",
        "id,terminalId\nR1,1,extra\n\"multi\nline\",2\nR2,\n,,\nR3\n".as_bytes(),
    )
    .expect("readable");
    let lines: Vec<(u64, bool)> = rows.iter().map(|r| (r.line, r.content.is_ok())).collect();
    assert_eq!(lines, vec![(2, false), (3, false), (5, false), (7, false)]);
    let bytes = b"id,terminalId\nR1,\xff\xfe\nR2,5\n";
    let rows = read_rows("f.csv", &bytes[..]).expect("readable");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].content.as_ref().is_err_and(|e| e.contains("UTF-8")));
    assert_eq!(rows[1].line, 3);
}

#[test]
fn ambiguous_merchant_and_type() {
    let mut now = current();
    now.push(req("R7", "M1", IntegrationType::Epay, None));
    let rows = read_rows(
        "t.csv",
        "merchantId,type,terminalId\nM1,epay,5\n".as_bytes(),
    )
    .expect("readable");
    let p = plan(&rows, &now);
    assert_eq!(p.rows[0].class, RowClass::Invalid);
    assert!(
        p.rows[0]
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("use the id column"))
    );
}

#[test]
fn a_type_no_revision_documents_is_matched_like_any_other() {
    // The console shows such rows and `intake list --type` finds them, so
    // an import row may name one too; it is matched, never refused.
    let rows = read_rows(
        "t.csv",
        "terminalId,merchantId,type\n77,M7,FuturePay\n88,M8,futurepay\n".as_bytes(),
    )
    .expect("readable");
    let mut current = current();
    current.push(req("R7", "M7", IntegrationType::parse("futurepay"), None));
    let p = plan(&rows, &current);
    assert_eq!(class_at(&p, 2), RowClass::WillSet);
    assert_eq!(class_at(&p, 3), RowClass::UnknownRequest);
}
