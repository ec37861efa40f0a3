/// <summary>A temperature and humidity sensor that drifts slowly around its set point (seeded, so runs repeat).</summary>
internal sealed class SimulatedSensors(int seed)
{
    private readonly Random _random = new(seed);
    private double _celsius = 21.0;
    private double _humidity = 45.0;

    public SensorReading Read(long sequence, DateTimeOffset time)
    {
#pragma warning disable CA5394 // A simulated sensor, not security.
        _celsius = Math.Round(_celsius + ((_random.NextDouble() - 0.5) * 0.4), 2);
        _humidity = Math.Round(Math.Clamp(_humidity + ((_random.NextDouble() - 0.5) * 1.0), 0, 100), 1);
#pragma warning restore CA5394
        return new SensorReading("gateway-1/env-0", sequence, time, _celsius, _humidity);
    }
}
