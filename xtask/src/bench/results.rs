//! The steps' JSON files under `target/bench/`, read back as typed results for the report.

use super::{
    browser, checking, communities, criterion, drawing, examples, igraph, import, layout,
    legibility, page, Outcome,
};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A results file as the report sees it.
#[derive(Debug)]
pub struct Figures<T> {
    /// Its figures; empty (`T::default()`) when it could not be read.
    pub got: T,
    /// Whether it was read and holds figures (a browser area that failed writes only `error`).
    pub read: bool,
    /// What to say where its figures are missing.
    why: String,
}

impl<T: Default> Default for Figures<T> {
    fn default() -> Self {
        Figures {
            got: T::default(),
            read: false,
            why: "not measured".into(),
        }
    }
}

impl<T> Figures<T> {
    /// Figures read from a file (for the tests: values made in code).
    #[cfg(test)]
    pub fn of(got: T) -> Self {
        Figures {
            got,
            read: true,
            why: "the file has no figures".into(),
        }
    }

    /// Why there are no figures: the area's error, or what became of its step.
    pub fn why(&self) -> &str {
        &self.why
    }
}

/// Every results file of a run.
#[derive(Debug, Default)]
pub struct Results {
    pub criterion: Figures<Vec<criterion::Bench>>,
    pub layout_quality: Figures<Vec<examples::LayoutQuality>>,
    pub infer_quality: Figures<Vec<examples::InferQuality>>,
    pub igraph: Figures<igraph::Comparison>,
    pub memory: Figures<import::Memory>,
    pub layout: Figures<layout::Layout>,
    pub simd: Figures<layout::Simd>,
    pub community: Figures<communities::Communities>,
    pub import: Figures<import::Import>,
    pub render: Figures<drawing::Render>,
    pub legibility: Figures<Vec<legibility::Legibility>>,
    pub checking: Figures<Vec<checking::Checked>>,
    pub page: Figures<page::Page>,
}

impl Results {
    /// Reads every file in `out`; `outcomes` say why a file is missing.
    pub fn load(out: &Path, outcomes: &[Outcome]) -> Results {
        let from = |step: &'static str| Reader {
            out,
            step,
            outcomes,
        };
        let examples = from(examples::STEP);
        let browser = from(browser::STEP);
        Results {
            criterion: from(criterion::STEP).load(criterion::FILE),
            layout_quality: examples.load(examples::LAYOUT_QUALITY),
            infer_quality: examples.load(examples::INFER_QUALITY),
            igraph: from(igraph::STEP).load(igraph::FILE),
            memory: browser.load(browser::MEMORY),
            layout: browser.load(browser::LAYOUT),
            simd: browser.load(browser::SIMD),
            community: browser.load(browser::COMMUNITY),
            import: browser.load(browser::IMPORT),
            render: browser.load(browser::RENDER),
            legibility: from(legibility::STEP).load(legibility::FILE),
            checking: from(checking::STEP).load(checking::FILE),
            page: from(page::STEP).load(page::FILE),
        }
    }
}

/// Reads the files of one step.
struct Reader<'a> {
    out: &'a Path,
    step: &'a str,
    outcomes: &'a [Outcome],
}

impl Reader<'_> {
    fn load<T: DeserializeOwned + Default>(&self, file: &str) -> Figures<T> {
        let step = self.step;
        let step_said = match self.outcomes.iter().find(|(n, _)| n == step) {
            Some((_, Err(e))) => format!("{step} failed: {}", e.replace('|', "/")),
            _ => format!("{step} wrote nothing"),
        };
        let unreadable = |e: serde_json::Error| Figures {
            got: T::default(),
            read: false,
            why: format!("target/bench/{file}: {e}").replace('|', "/"),
        };
        let Ok(text) = std::fs::read_to_string(self.out.join(file)) else {
            return Figures {
                got: T::default(),
                read: false,
                why: step_said,
            };
        };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => return unreadable(e),
        };
        match T::deserialize(&value) {
            // A browser area that failed: its error, and what else it has (the browser's name)
            Ok(got) => match value.get("error").and_then(serde_json::Value::as_str) {
                Some(e) => Figures {
                    got,
                    read: false,
                    why: e.replace('|', "/"),
                },
                None => Figures {
                    got,
                    read: true,
                    why: step_said,
                },
            },
            Err(e) => unreadable(e),
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Results read from a directory of `files` (name, text), after steps that went as
    /// `outcomes`.
    pub fn load(files: &[(&str, &str)], outcomes: &[Outcome]) -> Results {
        static DIRS: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "xtask-bench-{}-{}",
            std::process::id(),
            DIRS.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::create_dir_all(&dir);
        for (file, text) in files {
            let _ = std::fs::write(dir.join(file), text);
        }
        let results = Results::load(&dir, outcomes);
        let _ = std::fs::remove_dir_all(&dir);
        results
    }

    #[test]
    fn reads_typed_files_errors_and_missing_ones() {
        let files = [
            (
                browser::LAYOUT,
                r#"{"browser": "Chromium 1", "area": "layout", "error": "timed out | 600 s"}"#,
            ),
            (
                browser::RENDER,
                r#"{"browser": "Chromium 1", "nodes": 30000, "ratio_mean": null, "ours": {"mean_ms": 20.5, "frame_ms": [1, 2]}, "pick": {"ms_per_pick": 0.003}}"#,
            ),
            (criterion::FILE, r#"[{"id": "a/b", "mean_ns": "fast"}]"#),
        ];
        let outcomes = vec![
            ("criterion benches".to_string(), Ok(1.0)),
            (
                "quality examples".to_string(),
                Err("no | cargo".to_string()),
            ),
        ];
        let r = load(&files, &outcomes);

        // an area that failed: its error, and still the browser's name
        assert!(!r.layout.read);
        assert_eq!(r.layout.why(), "timed out / 600 s");
        assert_eq!(r.layout.got.browser.as_deref(), Some("Chromium 1"));
        // typed figures, null read as none
        assert!(r.render.read);
        assert_eq!(r.render.got.nodes, Some(30_000.0));
        assert_eq!(r.render.got.ratio_mean, None);
        assert_eq!(
            r.render.got.ours.as_ref().and_then(|s| s.mean_ms),
            Some(20.5)
        );
        assert_eq!(r.render.got.pick.ms_per_pick, Some(0.003));
        // a file of the wrong shape says so
        assert!(!r.criterion.read);
        assert!(r
            .criterion
            .why()
            .starts_with("target/bench/criterion.json: "));
        // missing files: what became of their step
        assert_eq!(
            r.layout_quality.why(),
            "quality examples failed: no / cargo"
        );
        assert_eq!(r.igraph.why(), "igraph comparison wrote nothing");
        assert!(!r.igraph.read);
    }
}
