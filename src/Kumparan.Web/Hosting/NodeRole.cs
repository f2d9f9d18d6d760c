namespace Kumparan.Web.Hosting;

/// <summary>
/// Whether this node is the leader: the one that synchronizes content/ into the store. A single SQLite
/// node always is; on PostgreSQL the node holding the leader lock is (see Cluster/LeaderElection).
/// </summary>
public sealed class NodeRole
{
    private volatile bool _isLeader = true;

    public bool IsLeader
    {
        get => _isLeader;
        set => _isLeader = value;
    }
}
