//! The plan format: the serde model, reading and locating, every rule, typed
//! deadlines, and batch variables. Nothing here knows of a renderer.

pub mod deadline;
pub mod limits;
pub mod load;
pub mod locate;
pub mod model;
pub mod place;
pub mod validate;
pub mod vars;
pub mod walk;
