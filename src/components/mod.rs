//! One Yew component per file.

mod app;
mod error_banner;
mod import_report;
mod map_canvas;
mod toolbar;

pub use app::App;
pub use error_banner::ErrorBanner;
pub use import_report::ImportReport;
pub use map_canvas::MapCanvas;
pub use toolbar::Toolbar;
