// Every file here is a test file.
global using NUnit.Framework;
