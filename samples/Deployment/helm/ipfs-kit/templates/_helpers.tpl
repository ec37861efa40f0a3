{{/* The chart's name. */}}
{{- define "ipfs-kit.name" -}}
{{ .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every resource name: fullnameOverride, else "<release>-<chart>". */}}
{{- define "ipfs-kit.fullname" -}}
{{ .Values.fullnameOverride | default (printf "%s-%s" .Release.Name .Chart.Name) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "ipfs-kit.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "ipfs-kit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ipfs-kit
{{- end }}

{{/* Labels that select the release's pods (a component label is added per role). */}}
{{- define "ipfs-kit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ipfs-kit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ipfs-kit.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "ipfs-kit.secretName" -}}
{{ .Values.apiToken.existingSecret | default (printf "%s-secrets" (include "ipfs-kit.fullname" .)) }}
{{- end }}

{{/* MASTER_NODE for workers and the leecher: the master's ClusterIP service. */}}
{{- define "ipfs-kit.masterUrl" -}}
http://{{ include "ipfs-kit.fullname" . }}-master:{{ .Values.apiPort }}
{{- end }}

{{/* The API token from the Secret (IPFS_KIT_API_TOKEN). */}}
{{- define "ipfs-kit.tokenEnv" -}}
- name: IPFS_KIT_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "ipfs-kit.secretName" . }}
      key: {{ .Values.apiToken.key }}
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
startupProbe:
  httpGet:
    path: /health
    port: http
  periodSeconds: 2
  failureThreshold: 30
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
{{- end }}
