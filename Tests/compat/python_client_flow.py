"""The official Python `kubernetes` client against `aiconsole serve`: list, watch, patch.

Usage: python_client_flow.py KUBECONFIG
Prints "python-client: ok" and exits 0 when every step behaved as against a real server.
"""
import sys
import threading
import time

from kubernetes import client, config, watch

GROUP, VERSION, PLURAL = "ai.aiconsole.dev", "v1", "aiclusters"


def main(kubeconfig):
    config.load_kube_config(config_file=kubeconfig)
    api = client.CustomObjectsApi()
    core = client.CoreV1Api()
    namespaces = [item.metadata.name for item in core.list_namespace().items]
    assert "default" in namespaces, namespaces
    body = {
        "apiVersion": f"{GROUP}/{VERSION}", "kind": "AICluster", "metadata": {"name": "py-demo"},
        "spec": {"replicas": 1, "modelName": "llama-3-8b", "modelVersion": "v1", "image": "vllm/vllm-openai:v0.6.0"},
    }
    api.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, body)
    listed = api.list_namespaced_custom_object(GROUP, VERSION, "default", PLURAL)
    assert any(item["metadata"]["name"] == "py-demo" for item in listed["items"]), listed
    revision = listed["metadata"]["resourceVersion"]

    def patch_later():
        time.sleep(0.5)
        api.patch_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "py-demo", {"spec": {"replicas": 4}})

    threading.Thread(target=patch_later).start()
    seen = None
    stream = watch.Watch()
    for event in stream.stream(api.list_namespaced_custom_object, GROUP, VERSION, "default", PLURAL,
                               resource_version=revision, timeout_seconds=20):
        if event["type"] == "MODIFIED" and event["object"]["metadata"]["name"] == "py-demo":
            seen = event["object"]["spec"]["replicas"]
            stream.stop()
    assert seen == 4, f"watch saw replicas={seen}"
    scale = api.get_namespaced_custom_object_scale(GROUP, VERSION, "default", PLURAL, "py-demo")
    assert scale["spec"]["replicas"] == 4, scale
    try:
        api.create_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, body)
        raise AssertionError("a second create succeeded")
    except client.exceptions.ApiException as error:
        assert error.status == 409, error
    api.delete_namespaced_custom_object(GROUP, VERSION, "default", PLURAL, "py-demo")
    print("python-client: ok")


if __name__ == "__main__":
    main(sys.argv[1])
