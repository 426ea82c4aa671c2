namespace DefenderConnector.Tests.Mapping;

/// <summary>One OcsfMapper is shared by every partition: mapping in parallel must give the same bytes as mapping alone.</summary>
public sealed class ConcurrentMappingTests
{
    [Fact]
    public void ParallelMappingMatchesSequentialMapping()
    {
        var inputs = GoldenCase.All()
            .Select(path => (Kind: GoldenCase.KindOf(GoldenCase.TableOf(path)), Bytes: File.ReadAllBytes(Path.Combine(GoldenCase.OutputRoot, path))))
            .ToArray();
        var expected = inputs.Select(i => GoldenCase.Map(i.Bytes, i.Kind, "uid").Json).ToArray();
        var actual = new byte[inputs.Length * 20][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            var input = inputs[n % inputs.Length];
            actual[n] = GoldenCase.Map(input.Bytes, input.Kind, "uid").Json;
        });

        for (var n = 0; n < actual.Length; n++)
        {
            Assert.Equal(expected[n % inputs.Length], actual[n]);
        }
    }
}
