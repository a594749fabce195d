#!/usr/bin/env bash
# Creates (or replaces) the Secrets the dev overlay's pods mount, in the namespace kubectl points at
# (or -n NAMESPACE): a throw-away internal CA with one certificate per service, auth-service's
# signing key, flight-service's handle key, connect-service's Spark Connect certificate, the database logins and the first platform
# administrator. Everything is generated here, in a temporary directory that is removed on exit;
# nothing is committed. Needs kubectl and openssl. See docs/operations.md, "Deploying to Kubernetes".
#
#   deploy/overlays/dev/create-secrets.sh [-n NAMESPACE]
#
# It prints the platform administrator's password once (account admin@platform).
set -euo pipefail

namespace_args=()
if [[ "${1:-}" == "-n" && -n "${2:-}" ]]; then
  namespace_args=(--namespace "$2")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

apply() { kubectl "${namespace_args[@]}" apply -f -; }
secret() { kubectl "${namespace_args[@]}" create secret "$@" --dry-run=client -o yaml | apply; }
random() { openssl rand -base64 "$1" | tr -d '\n/+=' | cut -c1-"$2"; }

# Internal mutual TLS (docs/operations.md, "Internal mutual TLS"): CN and DNS SAN = the service's
# name, serverAuth and clientAuth, PKCS#8 keys.
openssl req -x509 -newkey rsa:3072 -nodes -keyout ca.key -out ca.crt -days 30 \
  -subj "/CN=tollgate-dev-internal-ca" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
for service in auth-service router-service flight-service catalog-service connect-service; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$service.key" 2>/dev/null
  openssl req -new -key "$service.key" -subj "/CN=$service" -out "$service.csr"
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
    "$service" > "$service.ext"
  openssl x509 -req -in "$service.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
    -extfile "$service.ext" -out "$service.crt" 2>/dev/null
  secret generic "$service-internal-tls" --type=kubernetes.io/tls \
    --from-file=tls.crt="$service.crt" --from-file=tls.key="$service.key" --from-file=ca.crt=ca.crt
done

# connect-service's Spark Connect endpoint (always TLS): a server certificate from the same dev CA,
# DNS SANs connect-service and localhost (kubectl port-forward); clients trust ca.crt.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out connect-tls.key 2>/dev/null
openssl req -new -key connect-tls.key -subj "/CN=connect-service" -out connect-tls.csr
printf 'subjectAltName=DNS:connect-service,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
  > connect-tls.ext
openssl x509 -req -in connect-tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
  -extfile connect-tls.ext -out connect-tls.crt 2>/dev/null
secret tls connect-service-tls --cert=connect-tls.crt --key=connect-tls.key

# auth-service's token signing key (kid dev-1) and flight-service's handle key.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dev-1.pem 2>/dev/null
secret generic auth-service-signing-keys --from-file=dev-1.pem=dev-1.pem
secret generic flight-service-handle-key --from-literal=handle-key="$(openssl rand -base64 32)"

# One PostgreSQL login for every service in dev (postgres-dev creates it); cnpg gives each its own.
db_password=$(random 48 32)
for name in tollgate-db-owner tollgate-auth-db tollgate-router-db tollgate-catalog-db; do
  secret generic "$name" --type=kubernetes.io/basic-auth \
    --from-literal=username=tollgate --from-literal=password="$db_password"
done

# The first platform administrator, created by auth-service at start (docs/auth-tokens.md).
admin_password=$(random 48 24)
printf '{"accounts":[{"username":"admin@platform","password":"%s","roles":["platform-admin"]}]}\n' \
  "$admin_password" > bootstrap.json
secret generic auth-service-bootstrap --from-file=bootstrap.json=bootstrap.json

echo "platform administrator: admin@platform, password: $admin_password"
