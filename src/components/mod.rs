//! One Yew component per file.

mod app;
pub mod chart_bars;
pub mod chart_stacked;
mod cluster_controls;
mod cluster_legend;
mod error_banner;
mod export_panel;
pub mod hover_card;
mod import_report;
mod insights_panel;
mod layout_controls;
mod map_canvas;
mod person_panel;
mod saved_maps;
pub mod search_box;
mod share_dialog;
mod signal_panel;
mod timeline;
mod title_fixes;
mod toolbar;

pub use app::{App, SAMPLE_PEOPLE, SAMPLE_SEED};
pub use cluster_controls::ClusterControls;
pub use cluster_legend::ClusterLegend;
pub use error_banner::ErrorBanner;
pub use export_panel::ExportPanel;
pub use import_report::ImportReport;
pub use insights_panel::InsightsPanel;
pub use layout_controls::LayoutControls;
pub use map_canvas::MapCanvas;
pub use person_panel::PersonPanel;
pub use saved_maps::SavedMaps;
pub use share_dialog::ShareDialog;
pub use signal_panel::SignalPanel;
pub use timeline::Timeline;
pub use title_fixes::TitleFixes;
pub use toolbar::Toolbar;
