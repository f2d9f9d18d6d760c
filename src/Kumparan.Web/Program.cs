using Kumparan.Web.Cli;
using Kumparan.Web.Hosting;

switch (args)
{
    case ["check", ..]:
        return CheckCommand.Run(args[1..], Console.Out);
    case ["import", ..]:
        return ImportCommand.Run(args[1..], Console.Out);
    case ["generate", ..]:
        return GenerateCommand.Run(args[1..], Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddKumparan();

var app = builder.Build();
app.UseKumparan();
app.Run();
return 0;

/// <summary>The site's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
