//! Replica copy and move: the tasks the master hands to clients, and the
//! replies of the Copy*/Move* handlers (task_manager.h, rpc_types.h).

use super::{ReplicaDescriptor, Uuid};
use serde::{Deserialize, Serialize};
use wire_core::Wire;

/// C++ `enum class TaskType` (task_manager.h), underlying `int`.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum TaskType {
    /// Copy a replica to other segments.
    REPLICA_COPY = 0,
    /// Move a replica to another segment.
    REPLICA_MOVE = 1,
}

/// C++ `enum class TaskStatus` (task_manager.h), underlying `int`.
#[derive(Wire, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[wire(c_enum)]
#[repr(i32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub enum TaskStatus {
    /// Not picked up yet.
    PENDING = 0,
    /// A client is on it.
    PROCESSING = 1,
    /// Finished, failed.
    FAILED = 2,
    /// Finished, succeeded.
    SUCCESS = 3,
}

/// C++ `QueryTaskResponse` (rpc_types.h): a task's state.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct QueryTaskResponse {
    /// The task.
    pub id: Uuid,
    /// Copy or move.
    pub r#type: TaskType,
    /// Where it is.
    pub status: TaskStatus,
    /// Creation time, milliseconds since the epoch.
    pub created_at_ms_epoch: i64,
    /// Last update, milliseconds since the epoch.
    pub last_updated_at_ms_epoch: i64,
    /// The client it is assigned to.
    pub assigned_client: Uuid,
    /// A status message.
    pub message: String,
}

/// C++ `TaskAssignment` (rpc_types.h): a task handed to a client by FetchTasks.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct TaskAssignment {
    /// The task.
    pub id: Uuid,
    /// Copy or move.
    pub r#type: TaskType,
    /// What to do, as JSON (a replica copy or move payload).
    pub payload: String,
    /// Creation time, milliseconds since the epoch.
    pub created_at_ms_epoch: i64,
    /// How often the client may retry.
    pub max_retry_attempts: u32,
}

/// C++ `TaskCompleteRequest` (rpc_types.h): a client reports a task done.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct TaskCompleteRequest {
    /// The task.
    pub id: Uuid,
    /// `FAILED` or `SUCCESS`.
    pub status: TaskStatus,
    /// A status message.
    pub message: String,
}

/// C++ `CopyStartResponse` (rpc_types.h): the replica to copy and the new ones.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct CopyStartResponse {
    /// The replica to read.
    pub source: ReplicaDescriptor,
    /// The replicas to write.
    pub targets: Vec<ReplicaDescriptor>,
}

/// C++ `MoveStartResponse` (rpc_types.h): the replica to move and its new place.
#[derive(Serialize, Deserialize, Wire, Clone, Debug, PartialEq, Eq)]
pub struct MoveStartResponse {
    /// The replica to read.
    pub source: ReplicaDescriptor,
    /// The replica to write, if one was allocated.
    pub target: Option<ReplicaDescriptor>,
}
