using System.Runtime.InteropServices;

namespace PatrolScores.LiveRun;

/// <summary>
/// The open-files limit (RLIMIT_NOFILE). The harness raises its own soft limit to the hard limit at start
/// (it holds one socket per client connection); the servers get theirs from <c>ulimit -n</c> in their
/// launch line (<see cref="ServerProcess"/>).
/// </summary>
internal static partial class OpenFiles
{
    private const int RlimitNofile = 7;

    public static (ulong Soft, ulong Hard) Current()
    {
        var limit = default(RLimit);
        return GetRLimit(RlimitNofile, ref limit) == 0 ? (limit.Current, limit.Maximum) : (0, 0);
    }

    /// <summary>Raises the soft limit to the hard one; returns the soft limit in force after.</summary>
    public static ulong RaiseToHard()
    {
        var (soft, hard) = Current();
        if (soft < hard)
        {
            var limit = new RLimit { Current = hard, Maximum = hard };
            if (SetRLimit(RlimitNofile, ref limit) == 0)
            {
                return hard;
            }
        }

        return soft;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, ref RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);
}
