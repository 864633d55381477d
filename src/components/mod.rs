//! One Yew component per file.

mod app;
mod error_banner;
pub mod hover_card;
mod import_report;
mod map_canvas;
pub mod search_box;
mod toolbar;

pub use app::App;
pub use error_banner::ErrorBanner;
pub use import_report::ImportReport;
pub use map_canvas::MapCanvas;
pub use toolbar::Toolbar;
