from django.urls import path

from . import views

urlpatterns = [
    path("maps/within/", views.within, name="maps-within"),
    path("maps/sites-in-protection-zones/", views.sites_in_protection_zones, name="maps-sites-in-zones"),
    path("maps/farmland-near-mining-waste/", views.farmland_near_mining_waste, name="maps-farmland-near-mining"),
]
