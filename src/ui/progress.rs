//! One progress line per reviewer, drawn on stderr only when stderr is a terminal.

use std::collections::BTreeMap;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Tone, Ui};

/// Spinners keyed by name; a no-op when progress is disabled.
pub struct Bars {
    multi: Option<MultiProgress>,
    bars: BTreeMap<String, ProgressBar>,
    ui: Ui,
}

impl Bars {
    pub fn new(ui: &Ui, names: &[&str]) -> Bars {
        if !ui.progress_enabled() || names.is_empty() {
            return Bars {
                multi: None,
                bars: BTreeMap::new(),
                ui: ui.clone(),
            };
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let width = names.iter().map(|n| n.len()).max().unwrap_or(8);
        let style =
            ProgressStyle::with_template(&format!("{{spinner}} {{prefix:<{width}}}  {{msg}}"))
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let mut bars = BTreeMap::new();
        for n in names {
            let b = multi.add(ProgressBar::new_spinner());
            b.set_style(style.clone());
            b.set_prefix(n.to_string());
            b.set_message("queued");
            b.enable_steady_tick(Duration::from_millis(100));
            bars.insert(n.to_string(), b);
        }
        Bars {
            multi: Some(multi),
            bars,
            ui: ui.clone(),
        }
    }

    pub fn message(&self, name: &str, msg: &str) {
        if let Some(b) = self.bars.get(name) {
            b.set_message(msg.to_string());
        }
    }

    pub fn finish(&self, name: &str, ok: bool, msg: &str) {
        if let Some(b) = self.bars.get(name) {
            let mark = if ok {
                self.ui.paint_err("ok", Tone::Good)
            } else {
                self.ui.paint_err("failed", Tone::Bad)
            };
            b.finish_with_message(format!("{mark}  {msg}"));
        }
    }

    pub fn clear(&self) {
        if let Some(m) = &self.multi {
            let _ = m.clear();
        }
    }
}
