namespace Vtis.GhostCutTests.Support;

/// <summary>Bounded polling for things that happen in the background (work progress, callbacks).</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan? within = null) =>
        UntilAsync(() => Task.FromResult(probe()), done, within);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? DefaultWithin);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Still not done after {within ?? DefaultWithin}; last value: {value}");
            }

            await Task.Delay(Interval);
        }
    }
}
