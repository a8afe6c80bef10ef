import fs from 'node:fs';
import path from 'node:path';

/**
 * GraphiQL served from installed packages (no CDN), so the playground works offline.
 * Assets are read once at start and served from memory under /graphiql/.
 */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { module: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

export interface StaticAsset {
  body: Buffer;
  type: string;
}

function packageDir(moduleName: string): string {
  return path.dirname(require.resolve(`${moduleName}/package.json`));
}

export function loadGraphiqlAssets(): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    assets.set(name, { body: fs.readFileSync(path.join(packageDir(asset.module), asset.file)), type: asset.type });
  }
  return assets;
}

const DEFAULT_QUERY = `# Welcome to customer-graph: golden customers,
# each resolved from the records of several sources.
# Press the run button (or Ctrl-Enter) to try it.
{
  customers(first: 5) {
    totalCount
    edges {
      node {
        id
        givenName
        familyName
        email
        sourceRecords { source externalId }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export function graphiqlHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>customer-graph · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultEditorToolsVisibility: true,
    }));
  </script>
</body>
</html>
`;
}
