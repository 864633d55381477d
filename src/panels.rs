//! The panels the first screen does not show (the Insights and Share picture dialogs, and the
//! "Check ties" panel) live in a second wasm module, `panels`, that the page fetches once its
//! first picture is drawn: they are a tenth of the page's code, and the first download is what
//! a person waits for.
//!
//! The page (`PanelData`, [`crate::components::PanelHost`]) and the panels module
//! ([`Mounted`]) are two wasm instances with no memory in common; they speak in bincode bytes:
//! the page sends what the dialog shows ([`Panel`]), the dialog sends back what the person did
//! ([`PanelEvent`]). The map itself is sent only when it changed.

use crate::components::{CheckTies, InsightsPanel, ShareDialog, Shared};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use tiemap_app::insights::Insights;
use tiemap_app::model::{CheckingView, Edit, MapData, Questions};
use tiemap_core::infer::checking::TieChecks;
use tiemap_core::metrics::core_network::CoreChoice;
use tiemap_core::metrics::gaps::Goal;
use yew::prelude::*;

/// What a hosted dialog shows, on the page's side (shared, compared by identity).
#[derive(Clone, Debug)]
pub enum PanelData {
    Insights {
        insights: Option<Rc<Insights>>,
        goal: Goal,
    },
    Share {
        map: Rc<MapData>,
        /// `[x0, y0, ...]`, graph space, as the map shows them.
        positions: Rc<Vec<f32>>,
        insights: Option<Rc<Insights>>,
    },
    /// "Check ties": the open questions (`None` while the worker finds them), the answers so
    /// far and what they did to the map.
    CheckTies {
        questions: Option<Rc<Questions>>,
        checks: TieChecks,
        checking: Option<CheckingView>,
    },
}

fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for PanelData {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                PanelData::Insights { insights, goal },
                PanelData::Insights {
                    insights: i,
                    goal: g,
                },
            ) => same(insights, i) && goal == g,
            (
                PanelData::Share {
                    map,
                    positions,
                    insights,
                },
                PanelData::Share {
                    map: m,
                    positions: p,
                    insights: i,
                },
            ) => Rc::ptr_eq(map, m) && Rc::ptr_eq(positions, p) && same(insights, i),
            (
                PanelData::CheckTies {
                    questions,
                    checks,
                    checking,
                },
                PanelData::CheckTies {
                    questions: q,
                    checks: c,
                    checking: v,
                },
            ) => same(questions, q) && checks == c && checking == v,
            _ => false,
        }
    }
}

impl PanelData {
    /// The bytes that bring a dialog showing `previous` (`None`: nothing yet) to `self`: the
    /// map is left out when it is the one already sent.
    pub fn encode(&self, previous: Option<&PanelData>) -> Vec<u8> {
        let wire = match self {
            PanelData::Insights { insights, goal } => PanelRef::Insights {
                insights: insights.as_deref(),
                goal,
            },
            PanelData::Share {
                map,
                positions,
                insights,
            } => {
                let sent =
                    matches!(previous, Some(PanelData::Share { map: m, .. }) if Rc::ptr_eq(m, map));
                PanelRef::Share {
                    map: (!sent).then_some(&**map),
                    positions,
                    insights: insights.as_deref(),
                }
            }
            PanelData::CheckTies {
                questions,
                checks,
                checking,
            } => PanelRef::CheckTies {
                questions: questions.as_deref(),
                checks,
                checking: checking.as_ref(),
            },
        };
        bincode::serialize(&wire).expect("a panel's data always encodes")
    }
}

/// [`Panel`], borrowed: what the page encodes (same variants, same order, same encoding).
#[derive(Serialize)]
enum PanelRef<'a> {
    Insights {
        insights: Option<&'a Insights>,
        goal: &'a Goal,
    },
    Share {
        map: Option<&'a MapData>,
        positions: &'a [f32],
        insights: Option<&'a Insights>,
    },
    CheckTies {
        questions: Option<&'a Questions>,
        checks: &'a TieChecks,
        checking: Option<&'a CheckingView>,
    },
}

/// What a hosted dialog shows, as the panels module reads it.
#[derive(Debug, Deserialize)]
pub enum Panel {
    Insights {
        insights: Option<Box<Insights>>,
        goal: Goal,
    },
    Share {
        /// `None`: the map already sent.
        map: Option<Box<MapData>>,
        positions: Vec<f32>,
        insights: Option<Box<Insights>>,
    },
    CheckTies {
        questions: Option<Box<Questions>>,
        checks: TieChecks,
        checking: Option<CheckingView>,
    },
}

/// What the person did in a hosted dialog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PanelEvent {
    Goal(Goal),
    Core(CoreChoice),
    /// An edit (a title correction).
    Edit(Edit),
    /// The Share dialog wants the insights measured (its figures band).
    NeedInsights,
    Close,
}

impl PanelEvent {
    pub fn encode(&self) -> Vec<u8> {
        bincode::serialize(self).expect("an event always encodes")
    }

    pub fn decode(bytes: &[u8]) -> Option<PanelEvent> {
        bincode::deserialize(bytes).ok()
    }
}

/// Why the panels module could not show what it was sent.
#[derive(Debug, thiserror::Error)]
pub enum PanelError {
    #[error("the panel's data could not be read")]
    Decode,
    #[error("the Share dialog was sent no map")]
    NoMap,
}

/// The view a hosted dialog renders.
#[derive(Clone, PartialEq)]
enum View {
    Insights {
        insights: Option<Rc<Insights>>,
        goal: Goal,
    },
    Share {
        map: Shared<MapData>,
        positions: Shared<Vec<f32>>,
        insights: Option<Rc<Insights>>,
    },
    CheckTies {
        questions: Option<Rc<Questions>>,
        checks: TieChecks,
        checking: Option<CheckingView>,
    },
}

/// Hands each event to the page (a JavaScript function taking the event's bytes).
#[derive(Clone)]
pub struct Emitter(Rc<Emit>);

type Emit = dyn Fn(&[u8]);

impl PartialEq for Emitter {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Emitter {
    pub fn new(f: impl Fn(&[u8]) + 'static) -> Self {
        Emitter(Rc::new(f))
    }

    fn callback<T: 'static>(&self, event: impl Fn(T) -> PanelEvent + 'static) -> Callback<T> {
        let emit = self.0.clone();
        Callback::from(move |v: T| emit(&event(v).encode()))
    }
}

#[derive(Properties, PartialEq)]
pub struct HostedProps {
    view: View,
    emit: Emitter,
}

#[function_component]
fn Hosted(props: &HostedProps) -> Html {
    let emit = &props.emit;
    match &props.view {
        View::Insights { insights, goal } => html! {
            <InsightsPanel
                insights={insights.clone()}
                goal={goal.clone()}
                on_goal={emit.callback(PanelEvent::Goal)}
                on_core={emit.callback(PanelEvent::Core)}
                on_close={emit.callback(|()| PanelEvent::Close)}
                on_edit={emit.callback(PanelEvent::Edit)}
            />
        },
        View::Share {
            map,
            positions,
            insights,
        } => html! {
            <ShareDialog
                map={map.clone()}
                positions={positions.clone()}
                insights={insights.clone()}
                on_close={emit.callback(|()| PanelEvent::Close)}
                on_need_insights={emit.callback(|()| PanelEvent::NeedInsights)}
            />
        },
        View::CheckTies {
            questions,
            checks,
            checking,
        } => html! {
            <CheckTies
                questions={questions.clone()}
                checks={checks.clone()}
                checking={checking.clone()}
                on_edit={emit.callback(PanelEvent::Edit)}
                on_close={emit.callback(|()| PanelEvent::Close)}
            />
        },
    }
}

/// The next view from the bytes the page sent and the view before (whose map is kept when
/// none is sent).
fn next_view(bytes: &[u8], before: Option<&View>) -> Result<View, PanelError> {
    let panel: Panel = bincode::deserialize(bytes).map_err(|_| PanelError::Decode)?;
    Ok(match panel {
        Panel::Insights { insights, goal } => View::Insights {
            insights: insights.map(|i| Rc::new(*i)),
            goal,
        },
        Panel::Share {
            map,
            positions,
            insights,
        } => {
            let map = match (map, before) {
                (Some(map), _) => Shared(Rc::new(*map)),
                (None, Some(View::Share { map, .. })) => map.clone(),
                (None, _) => return Err(PanelError::NoMap),
            };
            View::Share {
                map,
                positions: Shared(Rc::new(positions)),
                insights: insights.map(|i| Rc::new(*i)),
            }
        }
        Panel::CheckTies {
            questions,
            checks,
            checking,
        } => View::CheckTies {
            questions: questions.map(|q| Rc::new(*q)),
            checks,
            checking,
        },
    })
}

/// A dialog the panels module drew into an element of the page.
pub struct Mounted {
    handle: yew::AppHandle<Hosted>,
    view: View,
    emit: Emitter,
}

impl Mounted {
    pub fn mount(
        root: web_sys::Element,
        bytes: &[u8],
        emit: Emitter,
    ) -> Result<Mounted, PanelError> {
        let view = next_view(bytes, None)?;
        let props = HostedProps {
            view: view.clone(),
            emit: emit.clone(),
        };
        let handle = yew::Renderer::<Hosted>::with_root_and_props(root, props).render();
        Ok(Mounted { handle, view, emit })
    }

    pub fn update(&mut self, bytes: &[u8]) -> Result<(), PanelError> {
        self.view = next_view(bytes, Some(&self.view))?;
        self.handle.update(HostedProps {
            view: self.view.clone(),
            emit: self.emit.clone(),
        });
        Ok(())
    }

    pub fn destroy(self) {
        self.handle.destroy();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> Rc<MapData> {
        use tiemap_app::saver::MapInput;
        use tiemap_app::session::{Session, SessionSettings};
        let input = MapInput::Sample {
            people: 60,
            seed: 7,
        };
        let session = Session::open(1, &input, SessionSettings::default(), &|_, _| {});
        Rc::new(session.expect("opens").map_data())
    }

    #[test]
    fn the_map_is_sent_once_and_kept() {
        let map = map();
        let first = PanelData::Share {
            map: map.clone(),
            positions: Rc::new(vec![1.0, 2.0]),
            insights: None,
        };
        let view = next_view(&first.encode(None), None).unwrap();
        let View::Share { map: got, .. } = &view else {
            panic!("a share view")
        };
        assert_eq!(**got, *map);

        // New positions, same map: the bytes leave the map out, and the dialog keeps its own.
        let second = PanelData::Share {
            map: map.clone(),
            positions: Rc::new(vec![3.0, 4.0]),
            insights: None,
        };
        let small = second.encode(Some(&first));
        assert!(small.len() < first.encode(None).len() / 4);
        let next = next_view(&small, Some(&view)).unwrap();
        let View::Share {
            map: kept,
            positions,
            ..
        } = &next
        else {
            panic!("a share view")
        };
        assert!(Rc::ptr_eq(&kept.0, &got.0));
        assert_eq!(**positions, vec![3.0, 4.0]);

        // A dialog with nothing before it cannot do without the map.
        assert!(matches!(next_view(&small, None), Err(PanelError::NoMap)));
        // A new map is sent again.
        let third = PanelData::Share {
            map: self::map(),
            positions: Rc::new(vec![]),
            insights: None,
        };
        assert!(third.encode(Some(&second)).len() > small.len() * 4);
    }

    #[test]
    fn insights_and_events_round_trip() {
        let data = PanelData::Insights {
            insights: None,
            goal: Goal::ChangeJobs { target: None },
        };
        let view = next_view(&data.encode(None), None).unwrap();
        assert!(
            view == View::Insights {
                insights: None,
                goal: Goal::ChangeJobs { target: None }
            }
        );
        assert!(next_view(b"\xff\xff", None).is_err());
        for event in [
            PanelEvent::Goal(Goal::ChangeJobs { target: None }),
            PanelEvent::Core(CoreChoice::Strongest { top: 25 }),
            PanelEvent::NeedInsights,
            PanelEvent::Close,
        ] {
            assert_eq!(PanelEvent::decode(&event.encode()), Some(event));
        }
        assert_eq!(PanelEvent::decode(b""), None);
    }

    #[test]
    fn check_ties_reaches_the_module_with_its_questions_and_answers() {
        use tiemap_app::model::Question;
        use tiemap_core::infer::checking::{Answer, LoneLink};
        let link = LoneLink::Employer("Globex".into());
        let questions = Rc::new(Questions {
            map_id: 3,
            questions: vec![Question {
                a: 0,
                b: 1,
                a_key: "a".into(),
                b_key: "b".into(),
                a_label: "Ana".into(),
                b_label: "Ben".into(),
                evidence: "both at Globex".into(),
                bridge: true,
                cut: false,
                checks: Some(link.clone()),
            }],
        });
        let mut checks = TieChecks::default();
        checks.set_about("c", "d", Some(Answer::DontKnow), Some(link));
        let checking = Some(CheckingView {
            changes: vec!["Similar roles now counts less".into()],
            ..Default::default()
        });
        let data = PanelData::CheckTies {
            questions: Some(questions.clone()),
            checks: checks.clone(),
            checking: checking.clone(),
        };
        let view = next_view(&data.encode(None), None).unwrap();
        assert!(
            view == View::CheckTies {
                questions: Some(questions),
                checks,
                checking,
            }
        );
        // while the worker finds questions
        let waiting = PanelData::CheckTies {
            questions: None,
            checks: TieChecks::default(),
            checking: None,
        };
        assert!(matches!(
            next_view(&waiting.encode(Some(&data)), Some(&view)),
            Ok(View::CheckTies {
                questions: None,
                ..
            })
        ));
        assert!(waiting != data);
    }
}
