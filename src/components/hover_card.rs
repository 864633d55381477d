//! The small card that shows who is under the pointer: name, title, company.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HoverCardProps {
    pub name: String,
    #[prop_or_default]
    pub title: Option<String>,
    #[prop_or_default]
    pub company: Option<String>,
    /// The pointer, CSS pixels from the map's top-left corner.
    pub at_css_px: [f32; 2],
}

#[function_component]
pub fn HoverCard(props: &HoverCardProps) -> Html {
    let [x, y] = props.at_css_px;
    let style = format!(
        "position:absolute;left:{}px;top:{}px;z-index:3;pointer-events:none;max-width:18rem;\
         background:var(--panel,#fff);color:var(--text,#1d2330);border:1px solid var(--line,#e2e5ec);\
         border-radius:8px;padding:0.45rem 0.65rem;font-size:0.85rem;box-shadow:0 4px 14px rgba(0,0,0,0.12);",
        x + 14.0,
        y + 14.0
    );
    let nonempty = |s: &Option<String>| s.as_ref().filter(|s| !s.trim().is_empty()).cloned();
    html! {
        <div class="hover-card" role="tooltip" {style}>
            <strong class="hover-card-name" style="display:block;">{ props.name.clone() }</strong>
            if let Some(title) = nonempty(&props.title) {
                <span class="hover-card-title" style="display:block;">{ title }</span>
            }
            if let Some(company) = nonempty(&props.company) {
                <span class="hover-card-company" style="display:block;color:var(--muted,#5b6475);">{ company }</span>
            }
        </div>
    }
}
