using Kumparan.Tests.Support;

namespace Kumparan.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database and one content folder (the shared volume), each with its own
/// data folder. The first is started first, so it takes the leader lock and indexes the folder.
/// </summary>
public sealed class TwoNodes : IDisposable
{
    public TwoNodes()
    {
        Leader = new KumparanFactory(Content.Path);
        _ = Leader.Services;
        Follower = new KumparanFactory(Content.Path);
        Follower.Settings["Kumparan:Database:ConnectionString"] = Leader.ConnectionString;
        _ = Follower.Services;
    }

    public TempFolder Content { get; } = new TempFolder().WithRepositoryContent();

    public KumparanFactory Leader { get; }

    public KumparanFactory Follower { get; }

    public void Dispose()
    {
        Follower.Dispose();
        Leader.Dispose();
        Content.Dispose();
    }
}
