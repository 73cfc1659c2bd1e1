"""The register of witnesses, the participants' requests and the briefing materials."""

from django.urls import URLPattern, URLResolver, path

from minipublic.evidence import material_manage_views, material_views, request_views, witness_views

app_name = "evidence"
_P = "p/<slug:slug>/"
_MANAGE_WITNESS = f"{_P}manage/witnesses/"
_REQUESTS = f"{_P}witnesses/requests/"
_MATERIAL = f"{_P}materials/<int:number>/"
_MANAGE_MATERIAL = f"{_P}manage/materials/<int:number>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_P}witnesses/", witness_views.register, name="witnesses"),
    path(_MANAGE_WITNESS, witness_views.manage, name="manage_witnesses"),
    path(f"{_MANAGE_WITNESS}propose/", witness_views.propose, name="propose_witness"),
    path(f"{_MANAGE_WITNESS}<int:number>/", witness_views.manage_witness, name="manage_witness"),
    path(_REQUESTS, request_views.request_list, name="requests"),
    path(f"{_REQUESTS}new/", request_views.request_new, name="request_new"),
    path(f"{_REQUESTS}<int:number>/", request_views.request_detail, name="request"),
    path(f"{_P}materials/", material_views.material_list, name="materials"),
    path(_MATERIAL, material_views.material_detail, name="material"),
    path(
        f"{_MATERIAL}versions/<int:version>/file/",
        material_views.version_file,
        name="version_file",
    ),
    path(f"{_P}manage/materials/", material_manage_views.manage, name="manage_materials"),
    path(
        f"{_P}manage/materials/new/",
        material_manage_views.submit_material,
        name="submit_material",
    ),
    path(
        f"{_MANAGE_MATERIAL}versions/new/",
        material_manage_views.new_version,
        name="new_version",
    ),
    path(f"{_MANAGE_MATERIAL}comments/", material_manage_views.comment, name="comment"),
    path(
        f"{_MANAGE_MATERIAL}comments/<int:comment>/",
        material_manage_views.respond,
        name="respond",
    ),
    path(f"{_MANAGE_MATERIAL}publish/", material_manage_views.publish, name="publish_material"),
]
