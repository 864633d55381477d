//! The page's entry point.

fn main() {
    yew::Renderer::<tiemap::components::App>::new().render();
}
