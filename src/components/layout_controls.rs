use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayoutControlsProps {
    /// The layout has settled and stopped.
    pub converged: bool,
    pub paused: bool,
    /// How far the layout is from settled, 0 to 1.
    #[prop_or_default]
    pub progress: f32,
    pub on_pause: Callback<()>,
    pub on_resume: Callback<()>,
    pub on_restart: Callback<()>,
}

/// Pause, resume and restart the layout, and what it is doing.
#[function_component]
pub fn LayoutControls(props: &LayoutControlsProps) -> Html {
    let status = if props.paused {
        "Layout paused"
    } else if props.converged {
        "Layout settled"
    } else {
        "Layout running…"
    };
    // How far from settled, while it runs (on a log scale of how much the picture still moves).
    let percent = (props.progress.clamp(0.0, 1.0) * 100.0).floor() as u32;
    let running = !props.paused && !props.converged;
    let pause = props.on_pause.reform(|_: MouseEvent| ());
    let resume = props.on_resume.reform(|_: MouseEvent| ());
    let restart = props.on_restart.reform(|_: MouseEvent| ());
    html! {
        <section class="panel layout-controls" aria-label="Layout">
            <h2>{ "Layout" }</h2>
            <p class="muted" aria-live="polite">{ status }</p>
            if running {
                <div class="layout-progress">
                    <progress max="100" value={percent.to_string()} aria-label="How far the layout is from settled"></progress>
                    <span class="muted">{ format!("{percent} % settled") }</span>
                </div>
            }
            <div class="button-row">
                // Both buttons always exist, so neither turns into the other under the pointer.
                <button class="button" onclick={pause} disabled={props.paused}>{ "Pause layout" }</button>
                <button class="button" onclick={resume} disabled={!(props.paused || props.converged)}>{ "Resume layout" }</button>
                <button class="button" onclick={restart}>{ "Restart layout" }</button>
            </div>
        </section>
    }
}
