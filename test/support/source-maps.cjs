// tsx turns on Node's source maps, so every `new Error().stack` is mapped back to TypeScript.
// The Pulumi SDK takes a stack for each promise it makes (runtime/debuggable.js), several per
// resource, which doubles the cost of registering one under mocks. Tests run unmapped; set
// PORTCATALOG_SOURCE_MAPS=1 to see TypeScript lines in a failure's stack.
if (!process.env.PORTCATALOG_SOURCE_MAPS) process.setSourceMapsEnabled(false);
