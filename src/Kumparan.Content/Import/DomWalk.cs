using AngleSharp.Dom;

namespace Kumparan.Content.Import;

/// <summary>A walk over a DOM subtree in document order without recursion: a post's HTML may nest hundreds of levels.</summary>
internal static class DomWalk
{
    /// <param name="top">Visited first, then its descendants.</param>
    /// <param name="enter">Called for each node; true to visit its children.</param>
    /// <param name="leave">Called after the children of each node that <paramref name="enter"/> returned true for.</param>
    public static void Walk(INode top, Func<INode, bool> enter, Action<INode> leave)
    {
        var node = top;
        while (true)
        {
            if (enter(node))
            {
                if (node.FirstChild is { } child)
                {
                    node = child;
                    continue;
                }

                leave(node);
            }

            while (node != top && node.NextSibling is null)
            {
                node = node.Parent!;
                leave(node);
            }

            if (node == top)
            {
                return;
            }

            node = node.NextSibling!;
        }
    }
}
