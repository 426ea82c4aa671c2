using System.Reflection;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Tests.Contract;

/// <summary>
/// The plugin contract is what hosts compile against: its public surface is tracked in
/// <c>src/DefenderConnector.Abstractions/PublicAPI.txt</c>, so any change to it is deliberate and
/// visible in review. Run with <c>UPDATE_PUBLIC_API=1</c> to rewrite the file after an intended change.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void TheContractsPublicSurfaceMatchesTheTrackedFile()
    {
        var actual = Describe(typeof(IConnectorPlugin).Assembly);
        var path = Path.Combine(FindRoot(), "src", "DefenderConnector.Abstractions", "PublicAPI.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_PUBLIC_API=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void ThePluginExposesOnlyItsEntryType()
    {
        var exported = typeof(DefenderConnectorPlugin).Assembly.GetExportedTypes().Select(t => t.FullName!).ToArray();

        Assert.Equal(["DefenderConnector.DefenderConnectorPlugin"], exported);
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var bases = type.GetInterfaces().Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                bases.Insert(0, baseType.Name);
            }

            lines.Add($"{kind} {type.FullName}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}");
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !IsCompilerGenerated(m))
                .Select(m => "  " + m.MemberType.ToString().ToLowerInvariant() + " " + m)
                .Order(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name is "<Clone>$" or "EqualityContract" || member.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null && member is MethodInfo;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DefenderConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the checkout.");
    }
}
