//! One Yew component per file.

mod app;
mod changes_panel;
pub mod chart_bars;
pub mod chart_stacked;
pub mod check_ties;
mod cluster_controls;
mod cluster_legend;
mod error_banner;
mod export_panel;
pub mod hover_card;
mod import_report;
mod insights_panel;
mod layout_controls;
mod map_canvas;
pub mod modal;
mod panel_host;
mod person_panel;
mod saved_maps;
pub mod search_box;
mod share_dialog;
mod signal_panel;
mod timeline;
mod title_fixes;
mod toolbar;

pub use app::{App, SAMPLE_PEOPLE, SAMPLE_SEED};

/// A shared value in a component's props, compared by identity: the map (30,000 people and
/// 160,000 ties) compared value by value on every render of its parent cost 340 ms over one
/// drop. A changed map is always a new `Rc`.
#[derive(Debug)]
pub struct Shared<T>(pub std::rc::Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
pub use changes_panel::ChangesPanel;
pub use check_ties::CheckTies;
pub use cluster_controls::ClusterControls;
pub use cluster_legend::ClusterLegend;
pub use error_banner::ErrorBanner;
pub use export_panel::ExportPanel;
pub use import_report::ImportReport;
pub use insights_panel::InsightsPanel;
pub use layout_controls::LayoutControls;
pub use map_canvas::MapCanvas;
pub use panel_host::PanelHost;
pub use person_panel::PersonPanel;
pub use saved_maps::SavedMaps;
pub use share_dialog::ShareDialog;
pub use signal_panel::SignalPanel;
pub use timeline::Timeline;
pub use title_fixes::TitleFixes;
pub use toolbar::Toolbar;
