namespace Kumparan.Web.Hosting;

/// <summary>
/// Whether this node is the leader: the one node that writes content into a store shared by several.
/// A node on its own SQLite file is its own leader; on PostgreSQL, Cluster/LeaderElection sets it.
/// /readyz reports it, and /metrics as <c>kumparan_node_leader</c>.
/// </summary>
public sealed class NodeRole
{
    private volatile bool _isLeader = true;

    public bool IsLeader
    {
        get => _isLeader;
        set => _isLeader = value;
    }

    /// <summary>"leader" or "follower", as /readyz writes it.</summary>
    public string Name => IsLeader ? "leader" : "follower";
}
