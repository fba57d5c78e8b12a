//! Settings: the country whose crisis lines come first, and deleting everything.

use crate::tui::app::App;
use crate::tui::doc::Doc;
use ratatui::style::Style;

pub fn doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("Settings", t.heading());
    doc.blank();
    let country = app
        .data
        .settings
        .country
        .as_deref()
        .and_then(|id| app.content.resources.regions.iter().find(|r| r.id == id))
        .map_or("not chosen: every country is listed", |r| r.name.as_str());
    let items = [
        format!("Country for crisis lines ({country})"),
        "Delete everything Overture saved on this device".to_string(),
    ];
    for (i, label) in items.iter().enumerate() {
        let focused = app.cursor == i;
        let style = if focused { t.selected() } else { Style::new() };
        doc.item(focused, &format!("{}.", i + 1), label, style);
    }
    doc.blank();
    doc.para(
        "Overture never looks up where you are: the country is only what you choose here.",
        t.dim(),
    );
    doc
}

pub fn country_doc(app: &App, width: usize) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    doc.para("Whose crisis lines should come first?", t.heading());
    doc.blank();
    let chosen = app.data.settings.country.as_deref();
    let regions = &app.content.resources.regions;
    for (i, region) in regions.iter().enumerate() {
        let focused = app.cursor == i;
        let mark = if chosen == Some(region.id.as_str()) {
            "(x)"
        } else {
            "( )"
        };
        let style = if focused { t.selected() } else { Style::new() };
        let number = if i < 9 {
            format!("{}.", i + 1)
        } else {
            "  ".to_string()
        };
        doc.item(focused, &format!("{number} {mark}"), &region.name, style);
    }
    let all = regions.len();
    let focused = app.cursor == all;
    let mark = if chosen.is_none() { "(x)" } else { "( )" };
    let style = if focused { t.selected() } else { Style::new() };
    let number = if all < 9 {
        format!("{}.", all + 1)
    } else {
        "  ".to_string()
    };
    doc.item(
        focused,
        &format!("{number} {mark}"),
        "Don't choose: list every country",
        style,
    );
    doc
}
