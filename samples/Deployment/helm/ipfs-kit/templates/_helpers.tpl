{{/* The chart's name. */}}
{{- define "ipfs-kit.name" -}}
{{ .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every resource name: fullnameOverride, else "<release>-<chart>". Cut to 45 characters so that every name
with its suffix fits Kubernetes' limits: "-worker-headless" (16) stays within 63, and a StatefulSet name ("-worker", 7)
within 52, the most whose pods' controller-revision-hash label (name + "-" + 10 characters) still fits 63.
*/}}
{{- define "ipfs-kit.fullname" -}}
{{ .Values.fullnameOverride | default (printf "%s-%s" .Release.Name .Chart.Name) | trunc 45 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "ipfs-kit.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "ipfs-kit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ipfs-kit
{{- end }}

{{/*
Labels on pod templates: no chart or app version, so upgrading the chart alone does not roll every pod (a rolled worker
is away until it is back; a new image tag does roll them, as it must).
*/}}
{{- define "ipfs-kit.podLabels" -}}
{{ include "ipfs-kit.selectorLabels" . }}
app.kubernetes.io/part-of: ipfs-kit
{{- end }}

{{/* Labels that select the release's pods (a component label is added per role). */}}
{{- define "ipfs-kit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ipfs-kit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The image: image.repository is required (there is no public image to default to). */}}
{{- define "ipfs-kit.image" -}}
{{ required "image.repository is required: build and push the image (docs/deployment.md), then --set image.repository=REGISTRY/ipfs-kit" .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "ipfs-kit.secretName" -}}
{{ .Values.apiToken.existingSecret | default (printf "%s-secrets" (include "ipfs-kit.fullname" .)) }}
{{- end }}

{{/* MASTER_NODE for workers and the leecher: the master's ClusterIP service. */}}
{{- define "ipfs-kit.masterUrl" -}}
http://{{ include "ipfs-kit.fullname" . }}-master:{{ .Values.apiPort }}
{{- end }}

{{/* The API token, read from the Secret mounted as files (IPFS_KIT_API_TOKEN_FILE; volume "secrets"). */}}
{{- define "ipfs-kit.tokenEnv" -}}
- name: IPFS_KIT_API_TOKEN_FILE
  value: /run/secrets/ipfs-kit/{{ .Values.apiToken.key }}
{{- end }}

{{/* The pod volumes every role has besides its data: /tmp (the root file system is read-only) and the Secret. */}}
{{- define "ipfs-kit.podVolumes" -}}
- name: tmp
  emptyDir: {}
- name: secrets
  secret:
    secretName: {{ include "ipfs-kit.secretName" . }}
    defaultMode: 288
{{- end }}

{{/*
Pod template annotations. checksum/secret changes with the token (or the existing Secret's name), so a rotation rolls
every pod at once instead of leaving nodes on mixed tokens (the host reads its token only at start). With
existingSecret, the chart cannot see the value: restart the pods after rotating it.
*/}}
{{- define "ipfs-kit.podAnnotations" -}}
checksum/secret: {{ printf "%s/%s/%s" .Values.apiToken.existingSecret .Values.apiToken.key .Values.apiToken.value | sha256sum }}
{{- end }}

{{/* Ports, probes and the container security context, the same for every role. */}}
{{- define "ipfs-kit.containerCommon" -}}
imagePullPolicy: {{ .Values.image.pullPolicy }}
envFrom:
  - configMapRef:
      name: {{ include "ipfs-kit.fullname" . }}-config
ports:
  - name: http
    containerPort: {{ .Values.apiPort }}
    protocol: TCP
  {{- if .Values.gatewayPort }}
  - name: gateway
    containerPort: {{ .Values.gatewayPort }}
    protocol: TCP
  {{- end }}
{{- /* Stop: out of the Services' endpoints first, then SIGTERM (a worker leaves "for a restart": IPFS_KIT_AWAY_GRACE). */}}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ .Values.preStopSleepSeconds }}"]
startupProbe:
  httpGet:
    path: /ready
    port: http
  periodSeconds: {{ .Values.startupProbe.periodSeconds }}
  failureThreshold: {{ .Values.startupProbe.failureThreshold }}
livenessProbe:
  httpGet:
    path: /health
    port: http
  periodSeconds: 20
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /ready
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
volumeMounts:
  - name: data
    mountPath: /data/ipfs
  - name: tmp
    mountPath: /tmp
  - name: secrets
    mountPath: /run/secrets/ipfs-kit
    readOnly: true
{{- end }}
