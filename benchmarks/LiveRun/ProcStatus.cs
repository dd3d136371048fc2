using System.Globalization;

namespace PatrolScores.LiveRun;

/// <summary>What <c>/proc/PID/status</c> says of a process's memory: VmRSS, RssAnon (heap, stacks: what connections cost) and threads.</summary>
internal readonly record struct ProcStatus(long VmRssKb, long RssAnonKb, int Threads)
{
    public static ProcStatus Read(int pid) => Parse(File.ReadAllText($"/proc/{pid}/status"));

    public static ProcStatus Parse(string status)
    {
        long rss = -1, anon = -1;
        var threads = -1;
        foreach (var line in status.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (name)
            {
                case "VmRSS":
                    rss = Kilobytes(value);
                    break;
                case "RssAnon":
                    anon = Kilobytes(value);
                    break;
                case "Threads":
                    threads = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (rss < 0)
        {
            throw new FormatException("no VmRSS line in the process's status");
        }

        return new ProcStatus(rss, anon, threads);
    }

    // "123456 kB"
    private static long Kilobytes(string value)
    {
        var number = value.EndsWith(" kB", StringComparison.Ordinal) ? value[..^3] : value;
        return long.Parse(number.Trim(), CultureInfo.InvariantCulture);
    }
}
