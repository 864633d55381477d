use crate::browser::{files_from_drop, files_from_entries, read_files, Dropped, PickedFile};
use crate::components::{
    ClusterControls, ClusterLegend, ErrorBanner, ImportReport, LayoutControls, MapCanvas,
    PersonPanel, SignalPanel, Toolbar,
};
use crate::protocol::{Edit, MapCommand};
use crate::state::{Action, AppState};
use crate::worker::MapWorker;
use crate::WORKER_LOADER_PATH;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::worker::{Spawnable, WorkerBridge};
use std::rc::Rc;
use tiemap_core::import::Limits;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many people the bundled sample has.
pub const SAMPLE_PEOPLE: usize = 500;
/// The sample's seed: the same sample on every visit.
pub const SAMPLE_SEED: u64 = 7;

/// The page: the whole window is a drop target.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let bridge = use_mut_ref(|| None::<Rc<WorkerBridge<MapWorker>>>);

    // Spawn the worker once and ask it for the sample network.
    {
        let dispatcher = state.dispatcher();
        let bridge = bridge.clone();
        use_effect_with((), move |_| {
            let events = dispatcher.clone();
            let worker = MapWorker::spawner()
                .callback(move |event| events.dispatch(Action::Worker(event)))
                .spawn_with_loader(WORKER_LOADER_PATH);
            dispatcher.dispatch(Action::StartWork {
                what: "Drawing the sample network".into(),
            });
            worker.send(MapCommand::LoadSample {
                people: SAMPLE_PEOPLE,
                seed: SAMPLE_SEED,
            });
            *bridge.borrow_mut() = Some(Rc::new(worker));
            || ()
        });
    }

    let send = {
        let bridge = bridge.clone();
        move |command: MapCommand| {
            if let Some(worker) = bridge.borrow().as_ref() {
                worker.send(command);
            }
        }
    };

    let on_files = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |files: Vec<PickedFile>| {
            if files.is_empty() {
                dispatcher.dispatch(Action::Fail {
                    sentence: "That folder holds no file tiemap could read; drop Connections.csv or the whole LinkedIn ZIP.".into(),
                });
                return;
            }
            let what = match files.first().and_then(|f| f.name.split_once('/')) {
                Some((folder, _)) => format!("Reading the folder {folder}"),
                None => {
                    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
                    format!("Reading {}", names.join(", "))
                }
            };
            dispatcher.dispatch(Action::StartWork { what });
            let dispatcher = dispatcher.clone();
            let send = send.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match read_files(files, Limits::default()).await {
                    Ok(files) => send(MapCommand::Import { files }),
                    Err(e) => dispatcher.dispatch(Action::Fail {
                        sentence: e.sentence(),
                    }),
                }
            });
        })
    };
    let on_sample = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::StartWork {
                what: "Drawing the sample network".into(),
            });
            send(MapCommand::LoadSample {
                people: SAMPLE_PEOPLE,
                seed: SAMPLE_SEED,
            });
        })
    };

    let on_pause = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(true));
            send(MapCommand::PauseLayout);
        })
    };
    let on_resume = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(false));
            send(MapCommand::ResumeLayout);
        })
    };
    let on_restart = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::SetPaused(false));
            send(MapCommand::RestartLayout);
        })
    };
    let on_resolution = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |resolution: f64| {
            dispatcher.dispatch(Action::SetResolution(resolution));
            send(MapCommand::SetResolution { resolution });
        })
    };
    let on_fold = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |below: u32| {
            dispatcher.dispatch(Action::SetFold(below));
            send(MapCommand::FoldSmall { below });
        })
    };
    let on_signals = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |weights| {
            dispatcher.dispatch(Action::StartWork {
                what: "Inferring ties".into(),
            });
            send(MapCommand::SetSignals { weights });
        })
    };
    let on_select = {
        let dispatcher = state.dispatcher();
        let send = send.clone();
        Callback::from(move |node: Option<u32>| {
            dispatcher.dispatch(Action::Select(node));
            if let Some(node) = node {
                send(MapCommand::Explain { node });
            }
        })
    };
    let on_pin = {
        let send = send.clone();
        Callback::from(move |(node, pos_in_graph): (usize, [f32; 2])| {
            send(MapCommand::Pin {
                node: node as u32,
                pos_in_graph,
            });
        })
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |edit: Edit| dispatcher.dispatch(Action::Edit(edit)))
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Undo))
    };
    let on_redo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Redo))
    };
    // The worker shows the clusters with the person's edits whenever they change (an edit,
    // undo, redo, a restore).
    {
        let send = send.clone();
        use_effect_with(state.edits.clone(), move |edits| {
            send(MapCommand::SetEdits {
                edits: edits.clone(),
            });
        });
    }
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, which keeps its own.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = {
                EventListener::new_with_options(
                    &gloo::utils::window(),
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) {
                            return;
                        }
                        let in_text = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .is_some_and(|i| i.type_() == "text" || i.type_() == "search");
                        if in_text {
                            return;
                        }
                        match (e.key().to_lowercase().as_str(), e.shift_key()) {
                            ("z", false) => {
                                e.prevent_default();
                                dispatcher.dispatch(Action::Undo);
                            }
                            ("z", true) | ("y", false) => {
                                e.prevent_default();
                                dispatcher.dispatch(Action::Redo);
                            }
                            _ => {}
                        }
                    },
                )
            };
            move || drop(listener)
        });
    }
    let on_highlight = {
        let dispatcher = state.dispatcher();
        Callback::from(move |cluster: Option<u32>| dispatcher.dispatch(Action::Highlight(cluster)))
    };

    let ondragenter = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatcher.dispatch(Action::DragEnter);
        })
    };
    let ondragover = {
        let dispatcher = state.dispatcher();
        let dragging = state.dragging;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !dragging {
                dispatcher.dispatch(Action::DragEnter);
            }
        })
    };
    let ondragleave = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window, not when it moves between children.
            if e.related_target().is_none() {
                dispatcher.dispatch(Action::DragLeave);
            }
        })
    };
    let ondrop = {
        let dispatcher = state.dispatcher();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dispatcher.dispatch(Action::DragLeave);
            match files_from_drop(&e) {
                Dropped::Files(files) if files.is_empty() => dispatcher.dispatch(Action::Fail {
                    sentence: "Nothing to read was dropped; drop a file such as Connections.csv."
                        .into(),
                }),
                Dropped::Files(files) => on_files.emit(files),
                Dropped::Folders(entries) => {
                    dispatcher.dispatch(Action::StartWork {
                        what: "Looking through the folder".into(),
                    });
                    let dispatcher = dispatcher.clone();
                    let on_files = on_files.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match files_from_entries(entries, &Limits::default()).await {
                            Ok(files) => on_files.emit(files),
                            Err(e) => dispatcher.dispatch(Action::Fail {
                                sentence: e.sentence(),
                            }),
                        }
                    });
                }
            }
        })
    };
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissError))
    };

    let sample_shown = state.map.as_ref().map(|m| m.is_sample).unwrap_or(true);
    html! {
        <div class="app" {ondragenter} {ondragover} {ondragleave} {ondrop}>
            <Toolbar on_files={on_files} on_sample={on_sample} {sample_shown} />
            if let Some(sentence) = state.error.clone() {
                <ErrorBanner sentence={sentence} on_dismiss={on_dismiss} />
            }
            <main class="stage">
                if let Some(map) = state.map.clone() {
                    <MapCanvas
                        map={map.clone()}
                        positions={state.positions.clone().unwrap_or_else(|| Rc::new(map.pos_in_graph.clone()))}
                        version={state.map_version}
                        highlighted_cluster={state.highlighted_cluster}
                        on_select={on_select.reform(|node: Option<usize>| node.map(|v| v as u32))}
                        on_pin={on_pin}
                    />
                    <aside class="summary">
                        <p class="summary-line" role="status">{ map.summary.clone() }</p>
                        <p class="ties-note">{ map.ties_note.clone() }</p>
                        <ImportReport lines={map.report.clone()} />
                    </aside>
                    <aside class="sidebar">
                        if let Some(node) = state.selected {
                            <PersonPanel map={map.clone()} {node} explanation={state.explanation.clone()} on_select={on_select.clone()} on_edit={on_edit.clone()} />
                        }
                        <ClusterLegend
                            clusters={map.clusters.clone()}
                            highlighted={state.highlighted_cluster}
                            {on_highlight}
                            on_edit={on_edit.clone()}
                            can_undo={!state.undo.is_empty()}
                            can_redo={!state.redo.is_empty()}
                            {on_undo}
                            {on_redo}
                        />
                        <ClusterControls resolution={state.resolution} modularity={map.modularity} {on_resolution} fold_below={state.fold_below} {on_fold} />
                        if let Some(weights) = map.signals {
                            <SignalPanel {weights} on_change={on_signals} />
                        }
                        <LayoutControls converged={state.layout_converged} paused={state.layout_paused} {on_pause} {on_resume} {on_restart} />
                    </aside>
                } else {
                    <p class="placeholder">{ "Loading…" }</p>
                }
                if let Some(what) = state.busy.clone() {
                    <div class="busy" aria-live="polite">{ format!("{what}…") }</div>
                }
            </main>
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <p>{ "Drop your LinkedIn export, Connections.csv or a graph file" }</p>
                </div>
            }
        </div>
    }
}
