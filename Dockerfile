# The Seriktes application image: the `seriktes` command, the API and JupyterLab.
# It holds no Neo4j and no JDK: set NEO4J_URI to a Neo4j server (docker-compose.yml does).

# GraphiQL's files from the npm registry, as scripts/bootstrap installs them (the API serves them).
FROM node:20-slim AS graphiql
WORKDIR /graphiql
COPY api/graphiql/package.json api/graphiql/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so that editing the code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
COPY --from=graphiql /graphiql/node_modules api/graphiql/node_modules
RUN pip install -e . \
    && useradd --create-home --uid 1000 seriktes \
    && mkdir -p notebooks \
    && chown seriktes notebooks

USER seriktes
EXPOSE 8000 8888
CMD ["seriktes", "up", "--host", "0.0.0.0", "--port", "8000"]
